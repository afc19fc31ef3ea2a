package io.flotilla.inventory.order;

import io.flotilla.inventory.catalog.ProductKind;
import io.flotilla.inventory.pricing.UnitPrice;
import java.time.Instant;
import java.util.UUID;

/** An order about to be reserved. */
record NewOrder(
    UUID orderId,
    String tenantId,
    String idempotencyKey,
    String soldBy,
    long customerId,
    UUID productId,
    ProductKind kind,
    int quantity,
    UnitPrice unitPrice,
    long totalPrice,
    String currency,
    Instant createdAt,
    Instant reservedUntil) {}
