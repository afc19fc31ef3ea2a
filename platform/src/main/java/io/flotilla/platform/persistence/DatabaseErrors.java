package io.flotilla.platform.persistence;

import io.vertx.pgclient.PgException;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/** Reads PostgreSQL's verdict out of whatever wrapped it on the way up. */
public final class DatabaseErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private DatabaseErrors() {}

  /** The unique constraint the failure violated, if it was a unique violation. */
  public static Optional<String> violatedUniqueConstraint(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
        return Optional.ofNullable(pg.getConstraint()).or(() -> Optional.of(""));
      }
      // Hibernate Reactive converts the PgException into this, keeping only its message and state.
      if (cause instanceof ConstraintViolationException violation
          && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
        return Optional.ofNullable(violation.getConstraintName()).or(() -> Optional.of(""));
      }
    }
    return Optional.empty();
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return violatedUniqueConstraint(failure).isPresent();
  }
}
