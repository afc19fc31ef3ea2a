package io.flotilla.ledger.topup;

import io.flotilla.ledger.book.AccountKind;
import java.time.Instant;
import java.util.UUID;

/**
 * A top-up: {@code pending} until the payment is confirmed, then {@code credited}. The {@code
 * method} says where the money comes from: the platform's {@code central} payment channel, where
 * the customer pays with {@code reference} so the provider's callback can name it, or Telegram
 * {@code stars}, an invoice for {@code stars} Stars priced at creation and payable until {@code
 * expires_at} (both null for central top-ups).
 */
public record TopUp(
    UUID topUpId,
    String reference,
    String tenantId,
    long customerId,
    long amount,
    String currency,
    String method,
    Long stars,
    String status,
    String providerTransactionId,
    String confirmedBy,
    Instant createdAt,
    Instant expiresAt,
    Instant creditedAt) {

  public static final String PENDING = "pending";
  public static final String CREDITED = "credited";
  public static final String CENTRAL = "central";
  public static final String STARS = "stars";

  public boolean credited() {
    return CREDITED.equals(status);
  }

  public boolean paidInStars() {
    return STARS.equals(method);
  }

  /** The platform account its money comes in through, so each source is told apart. */
  AccountKind cashIn() {
    return paidInStars() ? AccountKind.PLATFORM_STARS_IN : AccountKind.PLATFORM_CASH_IN;
  }
}
