package io.flotilla.inventory.order;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.catalog.ProductKind;
import io.flotilla.inventory.pricing.Agent;
import io.flotilla.inventory.pricing.AgentStatus;
import io.flotilla.inventory.stock.ItemState;
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
import java.util.UUID;

/**
 * The order hot path in plain SQL on the reactive pool: one query to read what an order needs, one
 * call of {@code reserve_orders} to take the stock and write a batch of orders, one call of {@code
 * release_order} to give an order's stock back. Each is a single statement, so a product's counter
 * row is locked only while the database itself works, never across a round trip.
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

  private static final String RESERVE =
      "select order_id, outcome from reserve_orders($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
          + " $12, $13, $14, $15)";

  private static final String COMPLETE =
      "with done as ("
          + "  update customer_order set state = 'COMPLETED', payment_id = $2, completed_at = $3"
          + "   where id = $1 and state = 'RESERVED' returning id),"
          + " sold as ("
          + "  update stock_item set state = 'SOLD'"
          + "   where order_id = $1 and state = 'RESERVED' and exists (select 1 from done)"
          + "  returning id, code),"
          + " published as ("
          + "  insert into outbox_event (event_id, event_type, topic, message_key, envelope)"
          + "  select $4, $5, $6, $7, cast($8::text as jsonb) from done returning id)"
          + " select (select count(*) from done) as completed,"
          + " (select count(*) from published) as published, sold.id as item_id, sold.code"
          + " from (select 1) as one left join sold on true order by sold.id";

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

  public OrderStore(Pool pool) {
    this.pool = pool;
  }

  Uni<OrderContext> context(String tenantId, UUID productId, String idempotencyKey) {
    return pool.preparedQuery(CONTEXT)
        .execute(Tuple.of(tenantId, productId, idempotencyKey))
        .map(rows -> toContext(rows.iterator().next()));
  }

  /**
   * Reserves a batch of new orders of one product, in their order, in one transaction.
   *
   * @return the outcome of every order, by order id
   */
  Uni<Map<UUID, Reservation>> reserve(List<NewOrder> orders) {
    NewOrder first = orders.getFirst();
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
    for (int i = 0; i < size; i++) {
      NewOrder order = orders.get(i);
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
    }
    Tuple arguments =
        Tuple.from(
            List.of(
                first.productId(),
                first.kind().name(),
                first.currency(),
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
              return outcomes;
            });
  }

  /**
   * Completes a paid order in one statement: the order, its items and its OrderPlaced outbox row
   * change together, and only if the order is still reserved.
   *
   * @return the delivered items (none for counted stock), or empty when the order was not reserved
   *     any more
   */
  Uni<Optional<List<DeliveredItem>>> complete(
      UUID orderId, String paymentId, Instant now, OutboxRow placed) {
    return pool.preparedQuery(COMPLETE)
        .execute(
            Tuple.from(
                List.of(
                    orderId,
                    paymentId,
                    utc(now),
                    placed.eventId(),
                    placed.type(),
                    placed.topic(),
                    placed.messageKey(),
                    placed.envelope())))
        .map(
            rows -> {
              List<DeliveredItem> items = new ArrayList<>();
              long completed = 0;
              for (Row row : rows) {
                completed = row.getLong("completed");
                if (row.getLong("item_id") != null) {
                  items.add(
                      new DeliveredItem(
                          row.getLong("item_id"), row.getString("code"), ItemState.SOLD));
                }
              }
              return completed == 1 ? Optional.of(items) : Optional.empty();
            });
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
