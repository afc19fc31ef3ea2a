package io.flotilla.ledger.report;

import java.time.Instant;

/**
 * One entry of an account: why the money moved ({@code kind}: top_up, payment, refund, maturity,
 * withdrawal_hold, withdrawal_release, withdrawal_payout), the business reference (order id, top-up
 * id, withdrawal id, maturity batch), the signed amount and the balance right after it.
 */
public record StatementLine(
    long entryId, String kind, String reference, long amount, long balanceAfter, Instant at) {}
