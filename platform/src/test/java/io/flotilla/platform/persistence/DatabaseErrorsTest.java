package io.flotilla.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

  private static PgException state(String sqlState) {
    return new PgException("failed", "ERROR", sqlState, null);
  }

  @Test
  void anUnreachableOrRestartingDatabaseIsTransient() {
    assertThat(DatabaseErrors.isTransient(new ConnectException("Connection refused"))).isTrue();
    assertThat(DatabaseErrors.isTransient(new IllegalStateException("Pool closed"))).isTrue();
    assertThat(DatabaseErrors.isTransient(state("08006"))).isTrue();
    assertThat(DatabaseErrors.isTransient(state("57P01"))).isTrue();
    assertThat(DatabaseErrors.isTransient(state("53300"))).isTrue();
    assertThat(DatabaseErrors.isTransient(new CompletionException(state("40P01")))).isTrue();
    assertThat(DatabaseErrors.isTransient(state("40001"))).isTrue();
  }

  @Test
  void aVerdictOnTheDataIsNotTransient() {
    assertThat(DatabaseErrors.isTransient(state("23505"))).isFalse();
    assertThat(DatabaseErrors.isTransient(state("23514"))).isFalse();
    assertThat(DatabaseErrors.isTransient(new CompletionException(state("22003")))).isFalse();
    assertThat(DatabaseErrors.isTransient(new IllegalStateException("figures differ"))).isFalse();
  }
}
