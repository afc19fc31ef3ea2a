package io.flotilla.ledger.report;

import java.util.List;

/**
 * A page of an account's entries, newest first. Pass {@code next_before} as {@code before} for the
 * next page; it is null on the last one.
 */
public record Statement(
    String account, String currency, long balance, List<StatementLine> items, Long nextBefore) {}
