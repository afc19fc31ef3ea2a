package io.flotilla.contracts.events;

import java.time.Instant;

/** An admin refunded a paid order; it is refunded at most once. */
public record OrderRefunded(
    String tenantId,
    String orderId,
    String soldBy,
    long customerId,
    long refundAmount,
    long markupTotal,
    String currency,
    String reason,
    Instant refundedAt)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId;
  }
}
