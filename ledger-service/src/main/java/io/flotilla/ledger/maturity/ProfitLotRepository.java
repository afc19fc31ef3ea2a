package io.flotilla.ledger.maturity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Profit lots: claimed in batches by the maturity job, one at a time by refunds. */
@ApplicationScoped
public class ProfitLotRepository {

  private static final String COLUMNS = "order_id, agent_id, currency, amount, matures_at, status";

  /**
   * Locks up to {@code limit} due pending lots, skipping those another transaction holds, so two
   * jobs running at once share the work instead of both taking it.
   */
  public Uni<List<ProfitLot>> claimDue(SqlConnection connection, Instant now, int limit) {
    return connection
        .preparedQuery(
            "select "
                + COLUMNS
                + " from profit_lot where status = 'pending' and matures_at <= $1"
                + " order by matures_at limit $2 for update skip locked")
        .execute(Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), limit))
        .map(
            rows -> {
              List<ProfitLot> lots = new ArrayList<>(rows.size());
              rows.forEach(row -> lots.add(toLot(row)));
              return lots;
            });
  }

  /** The lot of an order, locked, or {@code null} for a sale without markup. */
  public Uni<ProfitLot> lock(SqlConnection connection, String orderId) {
    return connection
        .preparedQuery("select " + COLUMNS + " from profit_lot where order_id = $1 for update")
        .execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? null : toLot(rows.iterator().next()));
  }

  /** Marks lots matured by the transfers that moved them, one transfer per agent and currency. */
  public Uni<Void> markMatured(
      SqlConnection connection, String[] orderIds, Long[] transferIds, Instant maturedAt) {
    return connection
        .preparedQuery(
            "update profit_lot l set status = 'matured', matured_at = $3,"
                + " maturity_transfer_id = m.transfer_id"
                + " from unnest($1::text[], $2::bigint[]) as m(order_id, transfer_id)"
                + " where l.order_id = m.order_id")
        .execute(
            Tuple.of(orderIds, transferIds, OffsetDateTime.ofInstant(maturedAt, ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  public Uni<Void> setStatus(SqlConnection connection, String orderId, ProfitLot.Status status) {
    return connection
        .preparedQuery("update profit_lot set status = $2 where order_id = $1")
        .execute(Tuple.of(orderId, status.dbName()))
        .replaceWithVoid();
  }

  private static ProfitLot toLot(Row row) {
    return new ProfitLot(
        row.getString("order_id"),
        row.getString("agent_id"),
        row.getString("currency"),
        row.getLong("amount"),
        row.getOffsetDateTime("matures_at").toInstant(),
        ProfitLot.Status.valueOf(row.getString("status").toUpperCase()));
  }
}
