package io.flotilla.platform.persistence;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * The reactive pool as Quarkus configures it, with room in the prepared-statement cache for the
 * long statements of the hot paths. The client caches only statements up to 2,048 characters by
 * default; the order path's batch statements are longer, and without the cache PostgreSQL parses
 * and plans them on every call.
 */
@Singleton
public class StatementCachingPoolCreator implements PgPoolCreator {

  /** Longest SQL text kept prepared on a connection. */
  static final int CACHED_STATEMENT_MAX_LENGTH = 16_384;

  @Override
  public Pool create(Input input) {
    input
        .pgConnectOptionsList()
        .forEach(options -> options.setPreparedStatementCacheSqlLimit(CACHED_STATEMENT_MAX_LENGTH));
    return PgDriver.INSTANCE.createPool(
        input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
  }
}
