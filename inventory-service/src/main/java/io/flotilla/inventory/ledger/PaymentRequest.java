package io.flotilla.inventory.ledger;

import java.util.UUID;

/** What the ledger books for an order; prices are per item in minor units. */
public record PaymentRequest(
    UUID orderId,
    String tenantId,
    String soldBy,
    long customerId,
    int quantity,
    long baseUnitPrice,
    long agentUnitPrice,
    long markupPerUnit,
    String currency) {}
