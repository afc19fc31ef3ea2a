package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;

/**
 * The highest markup the admin allows: one ceiling for percent markups (basis points) and one for
 * fixed markups (minor units per item).
 */
public record MarkupBounds(long maxPercentBasisPoints, long maxFixedMinor) {

  public MarkupBounds {
    if (maxPercentBasisPoints < 0 || maxFixedMinor < 0) {
      throw new IllegalArgumentException("markup bounds must not be negative");
    }
  }

  public boolean allows(Markup markup) {
    return markup.value() <= ceiling(markup);
  }

  /** The markup, lowered to the ceiling when it is above it. */
  public Markup clamp(Markup markup) {
    return allows(markup) ? markup : new Markup(markup.kind(), ceiling(markup));
  }

  /** These bounds further limited by a product's own ceilings, where it has them. */
  public MarkupBounds within(Long productMaxPercentBasisPoints, Long productMaxFixedMinor) {
    return new MarkupBounds(
        productMaxPercentBasisPoints == null
            ? maxPercentBasisPoints
            : Math.min(maxPercentBasisPoints, productMaxPercentBasisPoints),
        productMaxFixedMinor == null
            ? maxFixedMinor
            : Math.min(maxFixedMinor, productMaxFixedMinor));
  }

  private long ceiling(Markup markup) {
    return switch (markup.kind()) {
      case PERCENT -> maxPercentBasisPoints;
      case FIXED -> maxFixedMinor;
    };
  }
}
