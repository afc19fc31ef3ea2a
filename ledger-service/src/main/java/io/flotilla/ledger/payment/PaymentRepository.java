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
import java.util.List;
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

  /**
   * Charges the wallet and records the payment, its transfer and its profit lot, or returns {@code
   * null} without writing anything when the wallet does not cover the amount.
   *
   * @throws io.vertx.pgclient.PgException {@code transfer_once} when the order was paid before
   */
  public Uni<PaymentResult> charge(
      SqlClient client,
      PaymentRequest request,
      Priced priced,
      long walletAccountId,
      List<Leg> credits,
      Instant paidAt,
      long defaultHoldingSeconds) {
    UUID paymentId = UUID.randomUUID();
    List<Leg> legs = new ArrayList<>(credits.size() + 1);
    legs.add(new Leg(walletAccountId, 0, -priced.amount()));
    legs.addAll(credits);
    Tuple parameters =
        Tuple.tuple()
            .addValue(walletAccountId)
            .addValue(request.orderId())
            .addValue(priced.currency())
            .addValue(OffsetDateTime.ofInstant(paidAt, ZoneOffset.UTC))
            .addValue(priced.amount())
            .addValue(legs.stream().map(Leg::accountId).toArray(Long[]::new))
            .addValue(legs.stream().map(Leg::slot).toArray(Integer[]::new))
            .addValue(legs.stream().map(Leg::amount).toArray(Long[]::new))
            .addValue(paymentId)
            .addValue(request.tenantId())
            .addValue(request.soldBy())
            .addValue(request.customerId())
            .addValue(request.quantity())
            .addValue(request.baseUnitPrice())
            .addValue(request.agentUnitPrice())
            .addValue(request.markupPerUnit())
            .addValue(priced.markupTotal())
            .addValue(defaultHoldingSeconds);
    return client
        .preparedQuery(CHARGE)
        .execute(parameters)
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new PaymentResult(
                  paymentId,
                  request.orderId(),
                  "paid",
                  priced.amount(),
                  priced.currency(),
                  paidAt,
                  instant(row.getOffsetDateTime("matures_at")),
                  row.getLong("wallet_balance_after"));
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
