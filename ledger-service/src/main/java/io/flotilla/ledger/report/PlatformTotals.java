package io.flotilla.ledger.report;

/**
 * Every account of one currency added up by kind. {@code cash_in} is all money topped up and {@code
 * agent_receivable} what agents owe, both as positive figures; {@code book_total}, the sum of every
 * signed balance, is always 0.
 */
public record PlatformTotals(
    String currency,
    long customerWallets,
    long agentPending,
    long agentAvailable,
    long agentHeld,
    long agentPaidOut,
    long agentReceivable,
    long platformRevenue,
    long cashIn,
    long bookTotal) {}
