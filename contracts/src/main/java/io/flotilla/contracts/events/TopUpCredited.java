package io.flotilla.contracts.events;

import java.time.Instant;

/** A confirmed top-up was credited to a customer's wallet. */
public record TopUpCredited(
    String tenantId,
    String topUpId,
    long customerId,
    long amount,
    String currency,
    String providerTransactionId,
    Instant creditedAt)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return topUpId;
  }
}
