package io.flotilla.contracts.events;

import java.time.Instant;

/** An order was paid and its items delivered. Prices are per item in minor units. */
public record OrderPlaced(
    String tenantId,
    String orderId,
    String soldBy,
    long customerId,
    String productId,
    int quantity,
    long baseUnitPrice,
    long agentUnitPrice,
    long markupPerUnit,
    long totalPrice,
    String currency,
    Instant placedAt)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId;
  }
}
