package io.flotilla.ledger.book;

/** The five accounts of an agent in one currency. */
public record AgentAccounts(
    Account pending, Account available, Account held, Account paidOut, Account receivable) {}
