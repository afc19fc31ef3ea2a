package io.flotilla.fleet.i18n;

import io.flotilla.contracts.money.CurrencyScale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every text the bots send, from the bundles {@code i18n/messages_<code>.properties} (UTF-8), in
 * {@link MessageFormat} syntax: plural forms are choice formats ({@code {0,choice,1#one item|1<{0}
 * items}}), money is formatted by {@link #money} before it goes in. A key missing in one language
 * is a bug the bundle test catches, so lookups do not fall back to another language.
 */
public final class Texts {

  private static final String BUNDLE = "i18n/messages_%s.properties";
  private static final Map<Language, Properties> BUNDLES = load();

  private Texts() {}

  public static String text(Language language, String key, Object... args) {
    String pattern = BUNDLES.get(language).getProperty(key);
    if (pattern == null) {
      throw new IllegalArgumentException("no text " + key + " in " + language);
    }
    return args.length == 0 && !pattern.contains("'")
        ? pattern
        : new MessageFormat(pattern, language.locale()).format(args);
  }

  /**
   * One money rule for every text: {@code 1250, "USDT"} → "12.50 USDT", with the currency's digits,
   * grouping by the language's convention ("1,234.50 USDT").
   */
  public static String money(Language language, long minorUnits, String currency) {
    NumberFormat format = NumberFormat.getNumberInstance(language.locale());
    int digits = CurrencyScale.digits(currency);
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(CurrencyScale.toMajor(minorUnits, currency)) + " " + currency;
  }

  /** The keys of a language's bundle, for the test that keeps the bundles in step. */
  public static Set<String> keys(Language language) {
    return new TreeSet<>(BUNDLES.get(language).stringPropertyNames());
  }

  private static Map<Language, Properties> load() {
    Map<Language, Properties> bundles = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      String name = BUNDLE.formatted(language.code());
      try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing bundle " + name);
        }
        Properties properties = new Properties();
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        bundles.put(language, properties);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundles;
  }
}
