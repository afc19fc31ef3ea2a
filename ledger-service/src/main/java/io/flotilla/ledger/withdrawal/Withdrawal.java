package io.flotilla.ledger.withdrawal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A withdrawal as the API shows it. */
public record Withdrawal(
    UUID withdrawalId,
    String agentId,
    long amount,
    String currency,
    String payoutAddress,
    WithdrawalStatus status,
    String txid,
    String rejectReason,
    Instant requestedAt,
    Instant approvedAt,
    String approvedBy,
    Instant rejectedAt,
    String rejectedBy,
    Instant paidAt,
    String paidBy,
    @JsonIgnore String idempotencyKey) {}
