package io.flotilla.ledger.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

class LedgerFailuresTest {

  @Test
  void aBigintOverflowIsRecognisedThroughWrappers() {
    PgException overflow = new PgException("bigint out of range", "ERROR", "22003", null);
    assertThat(LedgerFailures.isOverflow(new RuntimeException(overflow))).isTrue();
    assertThat(LedgerFailures.isOverflow(new PgException("x", "ERROR", "23514", null))).isFalse();
    assertThat(LedgerFailures.isOverflow(new IllegalStateException())).isFalse();
  }
}
