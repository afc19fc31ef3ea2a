package io.flotilla.ledger.payment;

import io.flotilla.ledger.book.Leg;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Payments and the profit lots they book. */
@ApplicationScoped
public class PaymentRepository {

  private static final String COLUMNS =
      "payment_id, order_id, status, tenant_id, sold_by, customer_id, quantity, base_unit_price,"
          + " agent_unit_price, markup_per_unit, amount, currency, paid_at, matures_at,"
          + " wallet_balance_after, refunded_at";

  /*
   * One statement, written so that the wallet's row is locked as late and as briefly as possible,
   * since every payment of a customer queues on it: first the transfer, its legs and the profit
   * lot (new rows, no locks), then the wallet row is locked to read the balance the payment leaves,
   * then the payment row. The entries trigger applies the legs at the end of the statement, locking
   * the wallet (already held, so it stays the first balance row this transaction locks) and then
   * the credited rows; a wallet that cannot cover the amount fails its non-negative check there
   * and the whole statement is undone. The profit matures a holding window after the sale: the
   * agent's own window, else the platform's.
   */
  private static final String CHARGE =
      """
      with charged as (
          insert into transfer (kind, reference, currency, created_at)
          values ('payment', $2, $3, $4)
          returning id),
      legs as (
          insert into entry (transfer_id, account_id, slot, amount, currency)
          select charged.id, l.account_id, l.slot, l.amount, $3
            from charged, unnest($6::bigint[], $7::int[], $8::bigint[])
                 as l(account_id, slot, amount)
          returning id),
      maturity as (
          select case when $17::bigint > 0 then $4 + coalesce(
                     (select holding_window_seconds from agent_settings where agent_id = $11),
                     $18::bigint)::double precision * interval '1 second' end as matures_at),
      lot as (
          insert into profit_lot (order_id, agent_id, currency, amount, matures_at, status)
          select $2, $11, $3, $17::bigint, matures_at, 'pending' from maturity
           where $17::bigint > 0
          returning order_id),
      wallet as (
          select b.balance
            from account_balance b,
                 (select count(*) from legs) written,
                 (select count(*) from lot) booked
           where b.account_id = $1 and b.slot = 0
             for update of b),
      paid as (
          insert into payment (order_id, payment_id, tenant_id, sold_by, customer_id, quantity,
                               base_unit_price, agent_unit_price, markup_per_unit, amount,
                               currency, transfer_id, paid_at, matures_at, wallet_balance_after,
                               status)
          select $2, $9, $10, $11, $12, $13, $14, $15, $16, $5, $3, charged.id, $4,
                 maturity.matures_at, wallet.balance - $5, 'paid'
            from charged, maturity, wallet
          returning matures_at, wallet_balance_after)
      select matures_at, wallet_balance_after from paid
      """;

  /*
   * A batch of payments in one statement. The wallets are locked first, in id order, so batches
   * that share wallets queue instead of deadlocking and nothing changes a balance this statement
   * has read. A wallet's payments are taken in the batch's order while the running total stays
   * within its balance; orders paid before are left out. Whatever is left out is answered by the
   * one-payment statement, which knows replays and short wallets. The entries trigger then applies
   * all legs at once, one update per balance row.
   */
  private static final String CHARGE_BATCH =
      """
      with batch as (
          select * from unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[],
                               $5::bigint[], $6::uuid[], $7::text[], $8::text[], $9::bigint[],
                               $10::int[], $11::bigint[], $12::bigint[], $13::bigint[],
                               $14::bigint[]) with ordinality
              as b(wallet_id, order_id, currency, paid_at, amount, payment_id, tenant_id,
                   sold_by, customer_id, quantity, base_unit_price, agent_unit_price,
                   markup_per_unit, markup_total, position)),
      wallet as (
          select b.account_id, b.balance
            from account_balance b
           where b.account_id = any($1::bigint[]) and b.slot = 0
           order by b.account_id
             for update of b),
      unpaid as (
          select batch.*,
                 wallet.balance - sum(batch.amount) over (
                     partition by batch.wallet_id order by batch.position) as balance_after
            from batch join wallet on wallet.account_id = batch.wallet_id
           where not exists (select 1 from payment p where p.order_id = batch.order_id)),
      accepted as (
          select unpaid.*,
                 case when unpaid.markup_total > 0 then unpaid.paid_at + coalesce(
                     s.holding_window_seconds, $19::bigint)::double precision
                     * interval '1 second' end as matures_at
            from unpaid left join agent_settings s on s.agent_id = unpaid.sold_by
           where unpaid.balance_after >= 0),
      charged as (
          insert into transfer (kind, reference, currency, created_at)
          select 'payment', order_id, currency, paid_at from accepted order by position
          returning id, reference, currency),
      legs as (
          insert into entry (transfer_id, account_id, slot, amount, currency)
          select charged.id, l.account_id, l.slot, l.amount, charged.currency
            from unnest($15::text[], $16::bigint[], $17::int[], $18::bigint[])
                     as l(order_id, account_id, slot, amount)
            join charged on charged.reference = l.order_id
          returning id),
      lot as (
          insert into profit_lot (order_id, agent_id, currency, amount, matures_at, status)
          select order_id, sold_by, currency, markup_total, matures_at, 'pending'
            from accepted where markup_total > 0
          returning order_id)
      insert into payment (order_id, payment_id, tenant_id, sold_by, customer_id, quantity,
                           base_unit_price, agent_unit_price, markup_per_unit, amount, currency,
                           transfer_id, paid_at, matures_at, wallet_balance_after, status)
      select a.order_id, a.payment_id, a.tenant_id, a.sold_by, a.customer_id, a.quantity,
             a.base_unit_price, a.agent_unit_price, a.markup_per_unit, a.amount, a.currency,
             charged.id, a.paid_at, a.matures_at, a.balance_after, 'paid'
        from accepted a join charged on charged.reference = a.order_id
      returning order_id, matures_at, wallet_balance_after
      """;

  /**
   * Charges the wallet and records the payment, its transfer and its profit lot.
   *
   * @throws io.vertx.pgclient.PgException {@code transfer_once} when the order was paid before,
   *     {@code account_balance_non_negative} when the wallet does not cover the amount
   */
  public Uni<PaymentResult> charge(SqlClient client, Charge charge, long defaultHoldingSeconds) {
    PaymentRequest request = charge.request();
    List<Leg> legs = charge.legs();
    Tuple parameters =
        Tuple.tuple()
            .addValue(charge.walletAccountId())
            .addValue(request.orderId())
            .addValue(charge.priced().currency())
            .addValue(OffsetDateTime.ofInstant(charge.paidAt(), ZoneOffset.UTC))
            .addValue(charge.priced().amount())
            .addValue(legs.stream().map(Leg::accountId).toArray(Long[]::new))
            .addValue(legs.stream().map(Leg::slot).toArray(Integer[]::new))
            .addValue(legs.stream().map(Leg::amount).toArray(Long[]::new))
            .addValue(charge.paymentId())
            .addValue(request.tenantId())
            .addValue(request.soldBy())
            .addValue(request.customerId())
            .addValue(request.quantity())
            .addValue(request.baseUnitPrice())
            .addValue(request.agentUnitPrice())
            .addValue(request.markupPerUnit())
            .addValue(charge.priced().markupTotal())
            .addValue(defaultHoldingSeconds);
    return client
        .preparedQuery(CHARGE)
        .execute(parameters)
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return charge.result(
                  instant(row.getOffsetDateTime("matures_at")),
                  row.getLong("wallet_balance_after"));
            });
  }

  /**
   * Charges a batch of payments in one statement.
   *
   * @return per charge, in their order: its result, or empty when it was left for {@link #charge}
   *     (paid before, a second charge of an order in this batch, or beyond its wallet's balance
   *     within this batch)
   */
  public Uni<List<Optional<PaymentResult>>> chargeBatch(
      SqlClient client, List<Charge> charges, long defaultHoldingSeconds) {
    Set<String> orderIds = new HashSet<>();
    List<Charge> booked =
        charges.stream().filter(charge -> orderIds.add(charge.request().orderId())).toList();
    int size = booked.size();
    Long[] wallets = new Long[size];
    String[] orders = new String[size];
    String[] currencies = new String[size];
    OffsetDateTime[] paidAt = new OffsetDateTime[size];
    Long[] amounts = new Long[size];
    UUID[] paymentIds = new UUID[size];
    String[] tenants = new String[size];
    String[] sellers = new String[size];
    Long[] customers = new Long[size];
    Integer[] quantities = new Integer[size];
    Long[] baseUnitPrices = new Long[size];
    Long[] agentUnitPrices = new Long[size];
    Long[] markupsPerUnit = new Long[size];
    Long[] markupTotals = new Long[size];
    List<String> legOrders = new ArrayList<>();
    List<Leg> legs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Charge charge = booked.get(i);
      PaymentRequest request = charge.request();
      wallets[i] = charge.walletAccountId();
      orders[i] = request.orderId();
      currencies[i] = charge.priced().currency();
      paidAt[i] = OffsetDateTime.ofInstant(charge.paidAt(), ZoneOffset.UTC);
      amounts[i] = charge.priced().amount();
      paymentIds[i] = charge.paymentId();
      tenants[i] = request.tenantId();
      sellers[i] = request.soldBy();
      customers[i] = request.customerId();
      quantities[i] = request.quantity();
      baseUnitPrices[i] = request.baseUnitPrice();
      agentUnitPrices[i] = request.agentUnitPrice();
      markupsPerUnit[i] = request.markupPerUnit();
      markupTotals[i] = charge.priced().markupTotal();
      for (Leg leg : charge.legs()) {
        legOrders.add(request.orderId());
        legs.add(leg);
      }
    }
    Tuple parameters =
        Tuple.from(
            List.of(
                wallets,
                orders,
                currencies,
                paidAt,
                amounts,
                paymentIds,
                tenants,
                sellers,
                customers,
                quantities,
                baseUnitPrices,
                agentUnitPrices,
                markupsPerUnit,
                markupTotals,
                legOrders.toArray(String[]::new),
                legs.stream().map(Leg::accountId).toArray(Long[]::new),
                legs.stream().map(Leg::slot).toArray(Integer[]::new),
                legs.stream().map(Leg::amount).toArray(Long[]::new),
                defaultHoldingSeconds));
    return client
        .preparedQuery(CHARGE_BATCH)
        .execute(parameters)
        .map(
            rows -> {
              Map<String, Row> paid = new HashMap<>(rows.size() * 2);
              rows.forEach(row -> paid.put(row.getString("order_id"), row));
              return charges.stream()
                  .map(
                      charge ->
                          Optional.ofNullable(paid.remove(charge.request().orderId()))
                              .map(
                                  row ->
                                      charge.result(
                                          instant(row.getOffsetDateTime("matures_at")),
                                          row.getLong("wallet_balance_after"))))
                  .toList();
            });
  }

  /** The payment of an order, or {@code null}. */
  public Uni<PaymentView> find(SqlClient client, String orderId) {
    return client
        .preparedQuery("select " + COLUMNS + " from payment where order_id = $1")
        .execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? null : toView(rows.iterator().next()));
  }

  /** The payment of an order locked for a refund, or {@code null}. */
  public Uni<PaymentView> lock(SqlConnection connection, String orderId) {
    return connection
        .preparedQuery("select " + COLUMNS + " from payment where order_id = $1 for update")
        .execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? null : toView(rows.iterator().next()));
  }

  public Uni<Void> markRefunded(
      SqlConnection connection, String orderId, long refundTransferId, Instant refundedAt) {
    return connection
        .preparedQuery(
            "update payment set status = 'refunded', refund_transfer_id = $2, refunded_at = $3"
                + " where order_id = $1")
        .execute(
            Tuple.of(
                orderId, refundTransferId, OffsetDateTime.ofInstant(refundedAt, ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  private static PaymentView toView(Row row) {
    return new PaymentView(
        row.getUUID("payment_id"),
        row.getString("order_id"),
        row.getString("status"),
        row.getString("tenant_id"),
        row.getString("sold_by"),
        row.getLong("customer_id"),
        row.getInteger("quantity"),
        row.getLong("base_unit_price"),
        row.getLong("agent_unit_price"),
        row.getLong("markup_per_unit"),
        row.getLong("amount"),
        row.getString("currency"),
        instant(row.getOffsetDateTime("paid_at")),
        instant(row.getOffsetDateTime("matures_at")),
        row.getLong("wallet_balance_after"),
        instant(row.getOffsetDateTime("refunded_at")));
  }

  static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
