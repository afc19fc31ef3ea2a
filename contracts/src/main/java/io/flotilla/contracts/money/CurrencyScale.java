package io.flotilla.contracts.money;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * How many decimal digits a currency's minor unit has: amounts travel as integer minor units
 * everywhere, and this is the one rule that turns them into the figures people read. Two digits
 * (USDT, USD, EUR, CNY) unless the currency is listed; Telegram Stars ({@code XTR}) are whole.
 */
public final class CurrencyScale {

  private static final int DEFAULT_DIGITS = 2;
  private static final Map<String, Integer> DIGITS = Map.of("XTR", 0, "JPY", 0, "TRX", 6);

  private CurrencyScale() {}

  public static int digits(String currency) {
    return DIGITS.getOrDefault(currency.toUpperCase(Locale.ROOT), DEFAULT_DIGITS);
  }

  /** {@code 1250, "USDT"} → {@code 12.50}; exact, never through floating point. */
  public static BigDecimal toMajor(long minorUnits, String currency) {
    return BigDecimal.valueOf(minorUnits, digits(currency));
  }

  /**
   * {@code "12.5", "USDT"} → {@code 1250}. Refuses more decimals than the currency has and amounts
   * beyond a long, instead of rounding money a person typed.
   */
  public static long toMinor(BigDecimal major, String currency) {
    return major.movePointRight(digits(currency)).longValueExact();
  }
}
