package io.flotilla.platform.persistence;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;

/** Reads PostgreSQL's verdict out of whatever wrapped it on the way up. */
public final class DatabaseErrors {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String CONNECTION_EXCEPTION = "08";
  private static final String INSUFFICIENT_RESOURCES = "53";

  /**
   * Serialization failure, deadlock, and the server shutting down, crashed or not yet accepting
   * connections.
   */
  private static final Set<String> TRANSIENT_STATES =
      Set.of("40001", "40P01", "57P01", "57P02", "57P03");

  /** What the reactive client's pool fails with once it is closed (at shutdown). */
  private static final String POOL_CLOSED = "Pool closed";

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

  /**
   * Whether the failure is the database being out of reach or asking to be tried again — a
   * connection refused, lost or closed, a pool shut down, a server starting or stopping, too many
   * connections, a deadlock or a serialization conflict — and says nothing about the data, so the
   * same work may succeed later.
   */
  public static boolean isTransient(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg) {
        return isTransientState(pg.getSqlState());
      }
      if (cause instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
        return isTransientState(jdbc.getSQLState());
      }
      if (cause instanceof ConnectException
          || cause instanceof ClosedConnectionException
          || cause instanceof TimeoutException
          || POOL_CLOSED.equals(cause.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransientState(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith(CONNECTION_EXCEPTION)
            || sqlState.startsWith(INSUFFICIENT_RESOURCES)
            || TRANSIENT_STATES.contains(sqlState));
  }
}
