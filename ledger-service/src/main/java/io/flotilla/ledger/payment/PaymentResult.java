package io.flotilla.ledger.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * What a payment answered the first time; a repeated call for the same order gets exactly this
 * again. {@code matures_at} is when the agent's profit becomes available (null for a sale without
 * markup).
 */
public record PaymentResult(
    UUID paymentId,
    String orderId,
    String status,
    long amount,
    String currency,
    Instant paidAt,
    Instant maturesAt,
    long walletBalanceAfter) {}
