package io.flotilla.inventory.pricing;

/** What one item costs a customer of one tenant, in minor units. */
public record UnitPrice(long basePrice, long markup, long price) {

  /** The price of {@code quantity} items; fails rather than overflow. */
  public long total(int quantity) {
    return Math.multiplyExact(price, (long) quantity);
  }
}
