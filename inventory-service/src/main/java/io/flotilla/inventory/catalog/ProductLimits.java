package io.flotilla.inventory.catalog;

/**
 * Upper limits on catalog numbers. They keep every price computation far from overflow: the largest
 * base price times the largest percent markup, times the largest quantity, fits a long.
 */
public final class ProductLimits {

  /** One trillion minor units. */
  public static final long MAX_PRICE = 1_000_000_000_000L;

  /** 10,000 %. */
  public static final long MAX_PERCENT_BASIS_POINTS = 1_000_000L;

  public static final long MAX_QUANTITY_PER_ORDER = 10_000;

  private ProductLimits() {}
}
