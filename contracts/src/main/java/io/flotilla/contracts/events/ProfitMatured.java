package io.flotilla.contracts.events;

import java.time.Instant;

/** An agent's pending profit for an order passed its holding window and became available. */
public record ProfitMatured(
    String tenantId, String orderId, long amount, String currency, Instant maturedAt)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId;
  }
}
