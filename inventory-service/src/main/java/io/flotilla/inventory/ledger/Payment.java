package io.flotilla.inventory.ledger;

import java.time.Instant;
import java.util.UUID;

/** A payment the ledger booked. */
public record Payment(
    String paymentId,
    UUID orderId,
    String status,
    long amount,
    String currency,
    Instant paidAt,
    Instant maturesAt,
    Long walletBalanceAfter) {}
