package io.flotilla.ledger.withdrawal;

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

@ApplicationScoped
public class WithdrawalRepository {

  private static final String COLUMNS =
      "id, agent_id, amount, currency, payout_address, status, txid, reject_reason, requested_at,"
          + " approved_at, approved_by, rejected_at, rejected_by, paid_at, paid_by,"
          + " idempotency_key";

  public Uni<Void> insert(SqlConnection connection, Withdrawal withdrawal) {
    return connection
        .preparedQuery(
            "insert into withdrawal (id, agent_id, amount, currency, payout_address, status,"
                + " idempotency_key, requested_at) values ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(
            Tuple.tuple()
                .addValue(withdrawal.withdrawalId())
                .addValue(withdrawal.agentId())
                .addValue(withdrawal.amount())
                .addValue(withdrawal.currency())
                .addValue(withdrawal.payoutAddress())
                .addValue(withdrawal.status().dbName())
                .addValue(withdrawal.idempotencyKey())
                .addValue(timestamp(withdrawal.requestedAt())))
        .replaceWithVoid();
  }

  public Uni<Withdrawal> find(SqlClient client, UUID id) {
    return client
        .preparedQuery("select " + COLUMNS + " from withdrawal where id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : toWithdrawal(rows.iterator().next()));
  }

  public Uni<Withdrawal> findByIdempotencyKey(SqlClient client, String agentId, String key) {
    return client
        .preparedQuery(
            "select " + COLUMNS + " from withdrawal where agent_id = $1 and idempotency_key = $2")
        .execute(Tuple.of(agentId, key))
        .map(rows -> rows.size() == 0 ? null : toWithdrawal(rows.iterator().next()));
  }

  public Uni<Withdrawal> lock(SqlConnection connection, UUID id) {
    return connection
        .preparedQuery("select " + COLUMNS + " from withdrawal where id = $1 for update")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : toWithdrawal(rows.iterator().next()));
  }

  /** Newest first; {@code agentId} and {@code status} narrow the list when not null. */
  public Uni<List<Withdrawal>> list(
      SqlClient client, String agentId, WithdrawalStatus status, int offset, int limit) {
    return client
        .preparedQuery(
            "select "
                + COLUMNS
                + " from withdrawal where ($1::text is null or agent_id = $1)"
                + " and ($2::text is null or status = $2)"
                + " order by requested_at desc, id limit $3 offset $4")
        .execute(Tuple.of(agentId, status == null ? null : status.dbName(), limit, offset))
        .map(
            rows -> {
              List<Withdrawal> found = new ArrayList<>(rows.size());
              rows.forEach(row -> found.add(toWithdrawal(row)));
              return found;
            });
  }

  public Uni<Void> approve(SqlConnection connection, UUID id, String adminId, Instant at) {
    return connection
        .preparedQuery(
            "update withdrawal set status = 'approved', approved_by = $2, approved_at = $3"
                + " where id = $1")
        .execute(Tuple.of(id, adminId, timestamp(at)))
        .replaceWithVoid();
  }

  public Uni<Void> reject(
      SqlConnection connection, UUID id, String adminId, String reason, Instant at) {
    return connection
        .preparedQuery(
            "update withdrawal set status = 'rejected', rejected_by = $2, reject_reason = $3,"
                + " rejected_at = $4 where id = $1")
        .execute(Tuple.of(id, adminId, reason, timestamp(at)))
        .replaceWithVoid();
  }

  /**
   * @throws io.vertx.pgclient.PgException {@code withdrawal_txid} when the txid was used before
   */
  public Uni<Void> pay(SqlConnection connection, UUID id, String adminId, String txid, Instant at) {
    return connection
        .preparedQuery(
            "update withdrawal set status = 'paid', paid_by = $2, txid = $3, paid_at = $4"
                + " where id = $1")
        .execute(Tuple.of(id, adminId, txid, timestamp(at)))
        .replaceWithVoid();
  }

  private static OffsetDateTime timestamp(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private static Withdrawal toWithdrawal(Row row) {
    return new Withdrawal(
        row.getUUID("id"),
        row.getString("agent_id"),
        row.getLong("amount"),
        row.getString("currency"),
        row.getString("payout_address"),
        WithdrawalStatus.fromDb(row.getString("status")),
        row.getString("txid"),
        row.getString("reject_reason"),
        instant(row.getOffsetDateTime("requested_at")),
        instant(row.getOffsetDateTime("approved_at")),
        row.getString("approved_by"),
        instant(row.getOffsetDateTime("rejected_at")),
        row.getString("rejected_by"),
        instant(row.getOffsetDateTime("paid_at")),
        row.getString("paid_by"),
        row.getString("idempotency_key"));
  }
}
