package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;

/**
 * The one pricing rule. Price per item = base price + markup, in integer minor units. A percent
 * markup is {@code base × basis points / 10000} rounded half up to the minor unit, i.e. {@code
 * (base × bp + 5000) / 10000}; a fixed markup is added as it is. Quantities multiply the rounded
 * unit price, so every item of an order costs the same.
 */
public final class Pricing {

  private static final long BASIS_POINTS_PER_WHOLE = 10_000;
  private static final long HALF = BASIS_POINTS_PER_WHOLE / 2;

  private Pricing() {}

  public static UnitPrice price(long basePrice, Markup markup) {
    if (basePrice <= 0) {
      throw new IllegalArgumentException("base price must be positive");
    }
    long markupPerUnit = markupPerUnit(basePrice, markup);
    return new UnitPrice(basePrice, markupPerUnit, Math.addExact(basePrice, markupPerUnit));
  }

  static long markupPerUnit(long basePrice, Markup markup) {
    return switch (markup.kind()) {
      case FIXED -> markup.value();
      case PERCENT ->
          Math.addExact(Math.multiplyExact(basePrice, markup.value()), HALF)
              / BASIS_POINTS_PER_WHOLE;
    };
  }
}
