package io.flotilla.contracts.events;

import java.time.Instant;

/**
 * A confirmed top-up was credited to a customer's wallet. {@code method} is where the money came
 * from: {@code central} (the platform's payment channel) or {@code stars} (Telegram Stars, whose
 * charge id is the provider transaction id); null in events written before it existed.
 */
public record TopUpCredited(
    String tenantId,
    String topUpId,
    long customerId,
    long amount,
    String currency,
    String providerTransactionId,
    Instant creditedAt,
    String method)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return topUpId;
  }
}
