package io.flotilla.ledger.book;

import io.vertx.pgclient.PgException;

/** Reads the ledger's own constraint violations out of a failure. */
public final class LedgerFailures {

  private static final String CHECK_VIOLATION = "23514";
  private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

  private LedgerFailures() {}

  /** A posting would have taken a wallet, an agent's available or held balance below zero. */
  public static boolean isShortBalance(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg
          && CHECK_VIOLATION.equals(pg.getSqlState())
          && "account_balance_non_negative".equals(pg.getConstraint())) {
        return true;
      }
    }
    return false;
  }

  /** A posting would have taken a balance beyond what a bigint holds. */
  public static boolean isOverflow(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg && NUMERIC_VALUE_OUT_OF_RANGE.equals(pg.getSqlState())) {
        return true;
      }
    }
    return false;
  }
}
