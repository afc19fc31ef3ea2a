package io.flotilla.inventory.catalog;

/**
 * A product's stock: {@code available + reserved + sold = total}. Sold includes items of refunded
 * orders (delivered items never return to stock) and the retired ones among them.
 */
public record StockLevels(
    long total, long available, long reserved, long sold, long retired, boolean low) {}
