package io.flotilla.ledger.topup;

import java.time.Instant;
import java.util.UUID;

/**
 * A top-up: {@code pending} until the payment is confirmed, then {@code credited}. The customer
 * pays with {@code reference} so the provider's callback can name it.
 */
public record TopUp(
    UUID topUpId,
    String reference,
    String tenantId,
    long customerId,
    long amount,
    String currency,
    String status,
    String providerTransactionId,
    String confirmedBy,
    Instant createdAt,
    Instant creditedAt) {

  static final String PENDING = "pending";
  static final String CREDITED = "credited";

  boolean credited() {
    return CREDITED.equals(status);
  }
}
