package io.flotilla.inventory.stock;

import java.util.UUID;

/** A product's counter after a stock change. */
public record StockLevel(UUID productId, long total, long available) {}
