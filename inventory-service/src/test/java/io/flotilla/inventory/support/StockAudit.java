package io.flotilla.inventory.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;

/**
 * Checks a product's stock straight in the database: {@code available + reserved + sold = total},
 * nothing below zero, the counter matching the items, every item with at most one order and every
 * order holding exactly its quantity of items in the state its own state implies.
 */
public final class StockAudit {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The product's stock as the database holds it. */
  public record Levels(long total, long available, long reserved, long sold) {}

  private StockAudit() {}

  public static Levels verify(Pool pool, UUID productId) {
    Row row =
        pool.preparedQuery(
                "select s.total, s.available,"
                    + " coalesce(sum(o.quantity) filter (where o.state = 'RESERVED'), 0) as reserved,"
                    + " coalesce(sum(o.quantity) filter (where o.state in ('COMPLETED', 'REFUNDED')"
                    + "   and o.completed_at is not null), 0) as sold,"
                    + " (select kind from product where id = $1) as kind"
                    + " from product_stock s left join customer_order o on o.product_id = s.product_id"
                    + " where s.product_id = $1 group by s.total, s.available")
            .execute(Tuple.of(productId))
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    Levels levels =
        new Levels(
            row.getLong("total"),
            row.getLong("available"),
            row.getLong("reserved"),
            row.getLong("sold"));
    assertThat(levels.available()).as("available").isNotNegative();
    assertThat(levels.available() + levels.reserved() + levels.sold())
        .as("available + reserved + sold = total for %s", levels)
        .isEqualTo(levels.total());
    if ("UNIQUE".equals(row.getString("kind"))) {
      verifyItems(pool, productId, levels);
    }
    return levels;
  }

  private static void verifyItems(Pool pool, UUID productId, Levels levels) {
    Row items =
        pool.preparedQuery(
                "select count(*) as total,"
                    + " count(*) filter (where state = 'AVAILABLE') as available,"
                    + " count(*) filter (where state = 'RESERVED') as reserved,"
                    + " count(*) filter (where state in ('SOLD', 'RETIRED')) as sold,"
                    + " count(distinct code) as codes"
                    + " from stock_item where product_id = $1")
            .execute(Tuple.of(productId))
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    assertThat(items.getLong("total")).as("items = total").isEqualTo(levels.total());
    assertThat(items.getLong("codes")).as("codes are distinct").isEqualTo(levels.total());
    assertThat(items.getLong("available")).as("available items").isEqualTo(levels.available());
    assertThat(items.getLong("reserved")).as("reserved items").isEqualTo(levels.reserved());
    assertThat(items.getLong("sold")).as("sold items").isEqualTo(levels.sold());
    long mismatched =
        pool.preparedQuery(
                "select count(*) as n from customer_order o left join lateral (select"
                    + "   count(*) filter (where state = 'RESERVED') as reserved,"
                    + "   count(*) filter (where state in ('SOLD', 'RETIRED')) as delivered,"
                    + "   count(*) as held from stock_item i where i.order_id = o.id) i on true"
                    + " where o.product_id = $1 and not ("
                    + "   (o.state = 'RESERVED' and i.reserved = o.quantity and i.held = o.quantity)"
                    + "   or (o.completed_at is not null and i.delivered = o.quantity"
                    + "     and i.held = o.quantity)"
                    + "   or (o.state <> 'RESERVED' and o.completed_at is null and i.held = 0))")
            .execute(Tuple.of(productId))
            .await()
            .atMost(WAIT)
            .iterator()
            .next()
            .getLong("n");
    assertThat(mismatched).as("orders whose items do not match their quantity").isZero();
  }
}
