package io.flotilla.inventory.stock;

import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

/** Changes a counted product's stock with one conditional update: never below zero available. */
@ApplicationScoped
public class StockAdjuster {

  private final Pool pool;
  private final Clock clock;

  public StockAdjuster(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * @throws ProblemException 404 unknown product, 422 {@code wrong-stock-kind} for unique items,
   *     409 {@code insufficient-stock} when removing more than is available, 400 for a zero delta
   */
  public Uni<StockLevel> adjust(UUID productId, long delta, String reason, String actor) {
    if (delta == 0) {
      throw ProblemException.invalidField("delta", "must not be zero");
    }
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery("select kind from product where id = $1")
                .execute(Tuple.of(productId))
                .chain(
                    product -> {
                      if (product.size() == 0) {
                        throw ProblemException.notFound("No product " + productId);
                      }
                      if (!"COUNTED".equals(product.iterator().next().getString("kind"))) {
                        throw ProblemException.unprocessable(
                            "wrong-stock-kind",
                            "Product " + productId + " sells unique items; import them instead");
                      }
                      return connection
                          .preparedQuery(
                              "update product_stock set total = total + $2,"
                                  + " available = available + $2"
                                  + " where product_id = $1 and available + $2 >= 0"
                                  + " returning total, available")
                          .execute(Tuple.of(productId, delta));
                    })
                .chain(
                    updated -> {
                      if (updated.size() == 0) {
                        throw ProblemException.conflict(
                            "insufficient-stock",
                            "Fewer than " + -delta + " units are available to remove");
                      }
                      Row stock = updated.iterator().next();
                      return connection
                          .preparedQuery(
                              "insert into stock_change"
                                  + " (product_id, kind, delta, reason, actor, created_at)"
                                  + " values ($1, 'ADJUST', $2, $3, $4, $5)")
                          .execute(
                              Tuple.of(
                                  productId,
                                  delta,
                                  reason,
                                  actor,
                                  clock.instant().atOffset(ZoneOffset.UTC)))
                          .map(
                              inserted ->
                                  new StockLevel(
                                      productId,
                                      stock.getLong("total"),
                                      stock.getLong("available")));
                    }));
  }
}
