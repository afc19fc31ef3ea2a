package io.flotilla.inventory.sales;

import io.flotilla.inventory.InventoryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Sales per agent (and the master shop), summed over completed orders. */
@ApplicationScoped
public class SalesService {

  private static final String SALES =
      "select sold_by, count(*) as orders, sum(quantity)::bigint as quantity,"
          + " sum(total_price)::bigint as revenue,"
          + " sum(markup_per_unit * quantity)::bigint as markup_total,"
          + " count(*) filter (where state = 'REFUNDED') as refunded_orders,"
          + " coalesce(sum(total_price) filter (where state = 'REFUNDED'), 0)::bigint"
          + " as refunded_amount"
          + " from customer_order"
          + " where completed_at >= $1 and completed_at < $2 and ($3::text is null or sold_by = $3)"
          + " group by sold_by order by sold_by";

  private final Pool pool;
  private final InventoryConfig config;

  public SalesService(Pool pool, InventoryConfig config) {
    this.pool = pool;
    this.config = config;
  }

  public Uni<SalesReport> report(Instant from, Instant to, String soldBy) {
    return pool.preparedQuery(SALES)
        .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), soldBy))
        .map(
            rows -> {
              List<SellerSales> sellers = new ArrayList<>();
              for (Row row : rows) {
                sellers.add(
                    new SellerSales(
                        row.getString("sold_by"),
                        row.getLong("orders"),
                        row.getLong("quantity"),
                        row.getLong("revenue"),
                        row.getLong("markup_total"),
                        row.getLong("refunded_orders"),
                        row.getLong("refunded_amount")));
              }
              return new SalesReport(from, to, config.currency(), sellers);
            });
  }
}
