package io.flotilla.ledger.report;

/**
 * A figure reconciliation could not confirm: which check, about what (an account, a transfer), the
 * value that check expects and the one the ledger holds.
 */
public record Difference(String check, String subject, long expected, long actual) {}
