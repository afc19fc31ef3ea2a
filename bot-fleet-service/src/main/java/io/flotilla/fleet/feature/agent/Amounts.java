package io.flotilla.fleet.feature.agent;

import io.flotilla.contracts.money.CurrencyScale;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.fleet.bot.Ctx;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What people type for money and markups, read exactly: "12.5" of USDT is 1250 minor units, "12.5"
 * percent is 1250 basis points. Never through floating point; too many decimals is not a number.
 */
public final class Amounts {

  private static final int PERCENT_DIGITS = 2;

  private Amounts() {}

  /** A positive amount in major units of the currency, e.g. "12.50", as minor units. */
  public static Optional<Long> money(String typed, String currency) {
    return decimal(typed)
        .flatMap(
            value -> {
              try {
                long minor = CurrencyScale.toMinor(value, currency);
                return minor > 0 ? Optional.of(minor) : Optional.empty();
              } catch (ArithmeticException tooPrecise) {
                return Optional.empty();
              }
            });
  }

  /** A markup value as a person types it: a percent ("12.5") or an amount of the currency. */
  public static Optional<Markup> markup(MarkupKind kind, String typed, String currency) {
    Optional<BigDecimal> value = decimal(typed);
    try {
      return switch (kind) {
        case PERCENT ->
            value.map(v -> new Markup(kind, v.movePointRight(PERCENT_DIGITS).longValueExact()));
        case FIXED -> value.map(v -> new Markup(kind, CurrencyScale.toMinor(v, currency)));
      };
    } catch (ArithmeticException tooPrecise) {
      return Optional.empty();
    }
  }

  /** "12.5 %" or "0.50 USDT" (per item). */
  public static String markup(Ctx ctx, Markup markup, String currency) {
    return markup.kind() == MarkupKind.PERCENT
        ? percent(markup.value())
        : ctx.money(markup.value(), currency);
  }

  /** Basis points as a percent: 1250 → "12.5 %". */
  public static String percent(long basisPoints) {
    return BigDecimal.valueOf(basisPoints, PERCENT_DIGITS).stripTrailingZeros().toPlainString()
        + " %";
  }

  private static Optional<BigDecimal> decimal(String typed) {
    String text = typed == null ? "" : typed.strip().replace(',', '.');
    if (!text.matches("\\d{1,15}(\\.\\d{1,9})?")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }
}
