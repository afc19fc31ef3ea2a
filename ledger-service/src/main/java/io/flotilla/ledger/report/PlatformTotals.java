package io.flotilla.ledger.report;

/**
 * Every account of one currency added up by kind. {@code cash_in} is all money topped up through
 * the central payment channel, {@code stars_in} all money topped up in Telegram Stars, and {@code
 * agent_receivable} what agents owe, all as positive figures; {@code book_total}, the sum of every
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
    long starsIn,
    long bookTotal) {}
