package io.flotilla.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The ledger's "now", at the microsecond precision PostgreSQL stores, so answers read back equal.
 */
public final class LedgerTime {

  private LedgerTime() {}

  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
