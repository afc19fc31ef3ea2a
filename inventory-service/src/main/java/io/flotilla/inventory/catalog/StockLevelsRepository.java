package io.flotilla.inventory.catalog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads stock levels: total and available from the counter row, reserved and sold summed over the
 * product's orders, retired counted over its items.
 */
@ApplicationScoped
public class StockLevelsRepository {

  private static final String LEVELS =
      "select s.product_id, s.total, s.available, p.low_stock_threshold,"
          + " coalesce(o.reserved, 0) as reserved, coalesce(o.sold, 0) as sold,"
          + " coalesce(i.retired, 0) as retired"
          + " from product_stock s join product p on p.id = s.product_id"
          + " left join lateral (select"
          + "   sum(quantity) filter (where state = 'RESERVED') as reserved,"
          + "   sum(quantity) filter (where state in ('COMPLETED', 'REFUNDED')) as sold"
          + "   from customer_order where product_id = s.product_id) o on true"
          + " left join lateral (select count(*) as retired from stock_item"
          + "   where product_id = s.product_id and state = 'RETIRED') i on true";

  private final Pool pool;

  public StockLevelsRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Map<UUID, StockLevels>> levels(Collection<UUID> productIds) {
    if (productIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(LEVELS + " where s.product_id = any($1)")
        .execute(Tuple.of(productIds.toArray(UUID[]::new)))
        .map(StockLevelsRepository::byProduct);
  }

  /** Active products whose available stock is at or below their threshold. */
  public Uni<Map<UUID, StockLevels>> low() {
    return pool.preparedQuery(
            LEVELS
                + " where p.active and s.available <= p.low_stock_threshold"
                + " order by s.available, s.product_id")
        .execute()
        .map(StockLevelsRepository::byProduct);
  }

  private static Map<UUID, StockLevels> byProduct(Iterable<Row> rows) {
    Map<UUID, StockLevels> levels = new LinkedHashMap<>();
    for (Row row : rows) {
      long available = row.getLong("available");
      levels.put(
          row.getUUID("product_id"),
          new StockLevels(
              row.getLong("total"),
              available,
              row.getLong("reserved"),
              row.getLong("sold"),
              row.getLong("retired"),
              available <= row.getInteger("low_stock_threshold")));
    }
    return levels;
  }
}
