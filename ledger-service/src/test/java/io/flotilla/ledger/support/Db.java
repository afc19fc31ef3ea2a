package io.flotilla.ledger.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/** Direct reads of the test database, for what the API does not show (traces, raw rows). */
public final class Db {

  private Db() {}

  public static long count(Pool pool, String sql, Object... parameters) {
    Tuple tuple = Tuple.tuple();
    for (Object parameter : parameters) {
      tuple.addValue(parameter);
    }
    Row row =
        pool.preparedQuery(sql)
            .execute(tuple)
            .await()
            .atMost(Duration.ofSeconds(30))
            .iterator()
            .next();
    Number value = (Number) row.getValue(0);
    return value == null ? 0 : value.longValue();
  }
}
