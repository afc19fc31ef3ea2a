package io.flotilla.ledger.report;

/** A customer's wallet in one shop; 0 for a customer who never topped up. */
public record WalletBalance(String tenantId, long customerId, String currency, long balance) {}
