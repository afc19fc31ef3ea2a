package io.flotilla.ledger.report;

/**
 * An agent's money in one currency: profit still pending, available to withdraw, held by open
 * withdrawals, withdrawn (paid out), and owed to the platform after refunds of matured profit.
 */
public record AgentBalance(
    String agentId,
    String currency,
    long pending,
    long available,
    long held,
    long withdrawn,
    long receivable) {}
