package io.flotilla.inventory.order;

import io.flotilla.contracts.events.OrderPlaced;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.catalog.ProductKind;
import io.flotilla.inventory.pricing.Agent;
import io.flotilla.inventory.pricing.AgentStatus;
import io.flotilla.inventory.stock.ItemState;
import io.flotilla.platform.outbox.SqlOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The order hot path in plain SQL on the reactive pool: one query to read what an order needs, one
 * call of {@code reserve_orders} to take the stock and write a batch of orders, one transaction to
 * complete a batch of paid orders, one call of {@code release_order} to give an order's stock back.
 * Reservation and release are single statements, so a product's counter row is locked only while
 * the database itself works, never across a round trip.
 */
@ApplicationScoped
public class OrderStore {

  private static final String CONTEXT =
      "select (select id from customer_order where tenant_id = $1 and idempotency_key = $3)"
          + " as existing_order_id,"
          + " p.id as product_id, p.kind, p.base_price, p.active, p.max_per_order,"
          + " p.max_markup_percent_bp, p.max_markup_fixed,"
          + " a.tenant_id as agent_id, a.status as agent_status, a.markup_kind, a.markup_value,"
          + " a.max_percent_bp, a.max_fixed_minor,"
          + " o.markup_kind as override_kind, o.markup_value as override_value"
          + " from (select $2::uuid as wanted) w"
          + " left join product p on p.id = w.wanted"
          + " left join agent a on a.tenant_id = $1"
          + " left join price_override o on o.agent_id = $1 and o.product_id = w.wanted";

  /*
   * One call of reserve_orders per product, its orders a slice of the arrays, all in one statement
   * and so in one transaction. The products come in one fixed order (the service's sort of their
   * ids), so batches lock counter rows in the same order and never deadlock.
   */
  private static final String RESERVE =
      """
      select r.order_id, r.outcome
        from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::int[])
                 with ordinality as p(product_id, kind, currency, first, last, position)
       cross join lateral reserve_orders(
                 p.product_id, p.kind, p.currency,
                 ($6::uuid[])[p.first:p.last], ($7::text[])[p.first:p.last],
                 ($8::text[])[p.first:p.last], ($9::text[])[p.first:p.last],
                 ($10::bigint[])[p.first:p.last], ($11::int[])[p.first:p.last],
                 ($12::bigint[])[p.first:p.last], ($13::bigint[])[p.first:p.last],
                 ($14::bigint[])[p.first:p.last], ($15::bigint[])[p.first:p.last],
                 ($16::timestamptz[])[p.first:p.last], ($17::timestamptz[])[p.first:p.last]) r
       order by p.position
      """;

  /*
   * The orders are locked in id order first, so two batches that share an order (a request and its
   * replay) queue instead of deadlocking; only orders still reserved complete.
   */
  private static final String COMPLETE =
      """
      with paid as (
          select * from unnest($1::uuid[], $2::text[], $3::timestamptz[])
                     as p(order_id, payment_id, completed_at)),
      still_reserved as (
          select o.id from customer_order o join paid on paid.order_id = o.id
           where o.state = 'RESERVED'
           order by o.id
             for update of o),
      done as (
          update customer_order o
             set state = 'COMPLETED', payment_id = paid.payment_id, completed_at = paid.completed_at
            from paid
           where o.id = paid.order_id and o.id in (select id from still_reserved)
          returning o.id),
      sold as (
          update stock_item s set state = 'SOLD'
           where s.order_id in (select id from done) and s.state = 'RESERVED'
          returning s.order_id, s.id, s.code)
      select done.id as order_id, sold.id as item_id, sold.code
        from done left join sold on sold.order_id = done.id
       order by done.id, sold.id
      """;

  /** How a reservation went. */
  enum Reservation {
    RESERVED,
    OUT_OF_STOCK,
    /** An order with the same idempotency key exists: another request won the race. */
    DUPLICATE_KEY;

    static Reservation of(String outcome) {
      return switch (outcome) {
        case "reserved" -> RESERVED;
        case "out-of-stock" -> OUT_OF_STOCK;
        case "duplicate-key" -> DUPLICATE_KEY;
        default -> throw new IllegalStateException("Unknown reservation outcome " + outcome);
      };
    }
  }

  private final Pool pool;
  private final SqlOutbox outbox;

  public OrderStore(Pool pool, SqlOutbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
  }

  Uni<OrderContext> context(String tenantId, UUID productId, String idempotencyKey) {
    return pool.preparedQuery(CONTEXT)
        .execute(Tuple.of(tenantId, productId, idempotencyKey))
        .map(rows -> toContext(rows.iterator().next()));
  }

  /**
   * Reserves a batch of new orders in one transaction: each product's orders in their order, the
   * products one after the other, sorted by id.
   *
   * @return the outcome of every order, in their order
   */
  Uni<List<Reservation>> reserve(List<NewOrder> orders) {
    Map<UUID, List<NewOrder>> byProduct = new TreeMap<>();
    for (NewOrder order : orders) {
      byProduct.computeIfAbsent(order.productId(), product -> new ArrayList<>()).add(order);
    }
    int products = byProduct.size();
    UUID[] productIds = new UUID[products];
    String[] kinds = new String[products];
    String[] currencies = new String[products];
    Integer[] firsts = new Integer[products];
    Integer[] lasts = new Integer[products];
    int size = orders.size();
    UUID[] ids = new UUID[size];
    String[] tenants = new String[size];
    String[] keys = new String[size];
    String[] soldBy = new String[size];
    Long[] customers = new Long[size];
    Integer[] quantities = new Integer[size];
    Long[] basePrices = new Long[size];
    Long[] markups = new Long[size];
    Long[] unitPrices = new Long[size];
    Long[] totals = new Long[size];
    OffsetDateTime[] created = new OffsetDateTime[size];
    OffsetDateTime[] reservedUntil = new OffsetDateTime[size];
    int product = 0;
    int i = 0;
    for (List<NewOrder> productOrders : byProduct.values()) {
      NewOrder first = productOrders.getFirst();
      productIds[product] = first.productId();
      kinds[product] = first.kind().name();
      currencies[product] = first.currency();
      firsts[product] = i + 1;
      for (NewOrder order : productOrders) {
        ids[i] = order.orderId();
        tenants[i] = order.tenantId();
        keys[i] = order.idempotencyKey();
        soldBy[i] = order.soldBy();
        customers[i] = order.customerId();
        quantities[i] = order.quantity();
        basePrices[i] = order.unitPrice().basePrice();
        markups[i] = order.unitPrice().markup();
        unitPrices[i] = order.unitPrice().price();
        totals[i] = order.totalPrice();
        created[i] = utc(order.createdAt());
        reservedUntil[i] = utc(order.reservedUntil());
        i++;
      }
      lasts[product] = i;
      product++;
    }
    Tuple arguments =
        Tuple.from(
            List.of(
                productIds,
                kinds,
                currencies,
                firsts,
                lasts,
                ids,
                tenants,
                keys,
                soldBy,
                customers,
                quantities,
                basePrices,
                markups,
                unitPrices,
                totals,
                created,
                reservedUntil));
    return pool.preparedQuery(RESERVE)
        .execute(arguments)
        .map(
            rows -> {
              Map<UUID, Reservation> outcomes = new HashMap<>(size * 2);
              for (Row row : rows) {
                outcomes.put(row.getUUID("order_id"), Reservation.of(row.getString("outcome")));
              }
              return orders.stream()
                  .map(
                      order -> {
                        Reservation outcome = outcomes.get(order.orderId());
                        if (outcome == null) {
                          throw new IllegalStateException(
                              "No reservation outcome for order " + order.orderId());
                        }
                        return outcome;
                      })
                  .toList();
            });
  }

  /** A paid order to complete, with the OrderPlaced event that reports it. */
  record Completion(UUID orderId, String paymentId, Instant completedAt, OrderPlaced placed) {}

  /**
   * Completes a batch of paid orders in one transaction: the orders, their items and their
   * OrderPlaced events change together, and only orders still reserved complete.
   *
   * @return per completion, in their order: the delivered items (none for counted stock), or empty
   *     when the order was not reserved any more or an earlier completion in the batch completed it
   */
  Uni<List<Optional<List<DeliveredItem>>>> complete(List<Completion> completions) {
    UUID[] orderIds = completions.stream().map(Completion::orderId).toArray(UUID[]::new);
    String[] paymentIds = completions.stream().map(Completion::paymentId).toArray(String[]::new);
    OffsetDateTime[] completedAt =
        completions.stream()
            .map(completion -> utc(completion.completedAt()))
            .toArray(OffsetDateTime[]::new);
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(COMPLETE)
                .execute(Tuple.of(orderIds, paymentIds, completedAt))
                .chain(
                    rows -> {
                      Map<UUID, List<DeliveredItem>> delivered = new HashMap<>();
                      for (Row row : rows) {
                        List<DeliveredItem> items =
                            delivered.computeIfAbsent(
                                row.getUUID("order_id"), order -> new ArrayList<>());
                        if (row.getLong("item_id") != null) {
                          items.add(
                              new DeliveredItem(
                                  row.getLong("item_id"), row.getString("code"), ItemState.SOLD));
                        }
                      }
                      // A request and its replay may share a batch: the order completes once,
                      // so only its first completion is answered delivered and publishes.
                      List<Optional<List<DeliveredItem>>> outcomes = new ArrayList<>();
                      List<OrderPlaced> placed = new ArrayList<>();
                      for (Completion completion : completions) {
                        List<DeliveredItem> items = delivered.remove(completion.orderId());
                        outcomes.add(Optional.ofNullable(items));
                        if (items != null) {
                          placed.add(completion.placed());
                        }
                      }
                      return outbox.publish(connection, placed).replaceWith(outcomes);
                    }));
  }

  /**
   * Gives a reserved order's stock back; false when the order is no longer reserved. {@code
   * recheckAt} (or null) is when to ask the ledger about the order once more.
   */
  Uni<Boolean> release(UUID orderId, ReleaseReason reason, Instant now, Instant recheckAt) {
    return pool.preparedQuery("select release_order($1, $2, $3, $4) as released")
        .execute(
            Tuple.of(orderId, reason.slug(), utc(now), recheckAt == null ? null : utc(recheckAt)))
        .map(rows -> rows.iterator().next().getBoolean("released"));
  }

  /** Released orders due for their second look at the ledger, oldest first. */
  Uni<List<UUID>> dueRechecks(Instant now, int limit) {
    return ids(
        "select id from customer_order where recheck_at < $1 order by recheck_at limit $2",
        now,
        limit);
  }

  Uni<Void> recheckDone(UUID orderId) {
    return pool.preparedQuery("update customer_order set recheck_at = null where id = $1")
        .execute(Tuple.of(orderId))
        .replaceWithVoid();
  }

  /** Reserved orders whose reservation ran out, oldest first. */
  Uni<List<UUID>> expiredReservations(Instant now, int limit) {
    return ids(
        "select id from customer_order where state = 'RESERVED' and reserved_until < $1"
            + " order by reserved_until limit $2",
        now,
        limit);
  }

  private Uni<List<UUID>> ids(String query, Instant now, int limit) {
    return pool.preparedQuery(query)
        .execute(Tuple.of(utc(now), limit))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getUUID("id")));
              return ids;
            });
  }

  private static OrderContext toContext(Row row) {
    OrderContext.ProductTerms product =
        row.getUUID("product_id") == null
            ? null
            : new OrderContext.ProductTerms(
                row.getUUID("product_id"),
                ProductKind.valueOf(row.getString("kind")),
                row.getLong("base_price"),
                row.getBoolean("active"),
                row.getInteger("max_per_order"),
                row.getLong("max_markup_percent_bp"),
                row.getLong("max_markup_fixed"));
    Agent agent = null;
    if (row.getString("agent_id") != null) {
      agent = new Agent();
      agent.tenantId = row.getString("agent_id");
      agent.status = AgentStatus.valueOf(row.getString("agent_status"));
      agent.markupKind = MarkupKind.valueOf(row.getString("markup_kind"));
      agent.markupValue = row.getLong("markup_value");
      agent.maxPercentBasisPoints = row.getLong("max_percent_bp");
      agent.maxFixedMinor = row.getLong("max_fixed_minor");
    }
    Markup override =
        row.getString("override_kind") == null
            ? null
            : new Markup(
                MarkupKind.valueOf(row.getString("override_kind")), row.getLong("override_value"));
    return new OrderContext(row.getUUID("existing_order_id"), product, agent, override);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
