package io.flotilla.ledger.report;

import java.time.Instant;
import java.util.List;

/** The outcome of recomputing every balance from the entries; {@code differences} is empty. */
public record Reconciliation(
    Instant checkedAt, long accounts, long entries, long transfers, List<Difference> differences) {}
