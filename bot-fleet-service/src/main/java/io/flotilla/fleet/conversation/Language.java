package io.flotilla.fleet.conversation;

/** The languages the bots speak; chosen from the user's Telegram language until they switch. */
public enum Language {
  EN,
  ZH;

  public static Language fromTelegram(String languageCode) {
    return languageCode != null && languageCode.toLowerCase().startsWith("zh") ? ZH : EN;
  }
}
