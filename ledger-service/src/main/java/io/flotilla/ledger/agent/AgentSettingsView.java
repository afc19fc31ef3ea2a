package io.flotilla.ledger.agent;

import java.time.Instant;

/**
 * The rules in force for an agent: its own where set, else the platform's ({@code *_default} tells
 * which).
 */
public record AgentSettingsView(
    String agentId,
    long holdingWindowSeconds,
    boolean holdingWindowDefault,
    long minWithdrawal,
    boolean minWithdrawalDefault,
    String payoutAddress,
    Instant updatedAt,
    String updatedBy) {}
