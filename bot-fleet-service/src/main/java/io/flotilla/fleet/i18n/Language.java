package io.flotilla.fleet.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages the bots speak; chosen from the user's Telegram language until they pick one. */
public enum Language {
  EN("en", Locale.ENGLISH),
  ZH("zh", Locale.SIMPLIFIED_CHINESE);

  private final String code;
  private final Locale locale;

  Language(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  /** The code stored and sent to Telegram as a {@code language_code} ("en", "zh"). */
  public String code() {
    return code;
  }

  public Locale locale() {
    return locale;
  }

  /** Telegram's IETF tag of the user's app ("zh-hans", "en-GB", or none) → a language we speak. */
  public static Language fromTelegram(String languageCode) {
    return languageCode != null && languageCode.toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
  }

  public static Optional<Language> fromCode(String code) {
    for (Language language : values()) {
      if (language.code.equals(code)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
