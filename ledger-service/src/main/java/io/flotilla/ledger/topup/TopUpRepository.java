package io.flotilla.ledger.topup;

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
public class TopUpRepository {

  private static final String COLUMNS =
      "id, reference, tenant_id, customer_id, amount, currency, method, stars, status,"
          + " provider_transaction_id, confirmed_by, created_at, expires_at, credited_at";

  /**
   * @throws io.vertx.pgclient.PgException a unique violation when the reference is taken
   */
  public Uni<Void> insert(SqlClient client, TopUp topUp) {
    return client
        .preparedQuery(
            "insert into top_up (id, reference, tenant_id, customer_id, amount, currency, method,"
                + " stars, status, created_at, expires_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .execute(
            Tuple.tuple()
                .addValue(topUp.topUpId())
                .addValue(topUp.reference())
                .addValue(topUp.tenantId())
                .addValue(topUp.customerId())
                .addValue(topUp.amount())
                .addValue(topUp.currency())
                .addValue(topUp.method())
                .addValue(topUp.stars())
                .addValue(topUp.status())
                .addValue(timestamp(topUp.createdAt()))
                .addValue(topUp.expiresAt() == null ? null : timestamp(topUp.expiresAt())))
        .replaceWithVoid();
  }

  public Uni<TopUp> find(SqlClient client, UUID id) {
    return one(client, "select " + COLUMNS + " from top_up where id = $1", id);
  }

  public Uni<TopUp> findByReference(SqlClient client, String reference) {
    return one(client, "select " + COLUMNS + " from top_up where reference = $1", reference);
  }

  public Uni<TopUp> lock(SqlConnection connection, UUID id) {
    return one(connection, "select " + COLUMNS + " from top_up where id = $1 for update", id);
  }

  public Uni<Void> markCredited(
      SqlConnection connection,
      UUID id,
      String providerTransactionId,
      String confirmedBy,
      long transferId,
      Instant at) {
    return connection
        .preparedQuery(
            "update top_up set status = 'credited', provider_transaction_id = $2,"
                + " confirmed_by = $3, transfer_id = $4, credited_at = $5 where id = $1")
        .execute(Tuple.of(id, providerTransactionId, confirmedBy, transferId, timestamp(at)))
        .replaceWithVoid();
  }

  /** Newest first; null filters are ignored. */
  public Uni<List<TopUp>> list(
      SqlClient client,
      String status,
      String method,
      String tenantId,
      Long customerId,
      int offset,
      int limit) {
    return client
        .preparedQuery(
            "select "
                + COLUMNS
                + " from top_up where ($1::text is null or status = $1)"
                + " and ($2::text is null or method = $2)"
                + " and ($3::text is null or tenant_id = $3)"
                + " and ($4::bigint is null or customer_id = $4)"
                + " order by created_at desc, id limit $5 offset $6")
        .execute(Tuple.of(status, method, tenantId, customerId, limit, offset))
        .map(
            rows -> {
              List<TopUp> found = new ArrayList<>(rows.size());
              rows.forEach(row -> found.add(toTopUp(row)));
              return found;
            });
  }

  private static Uni<TopUp> one(SqlClient client, String sql, Object key) {
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? null : toTopUp(rows.iterator().next()));
  }

  private static OffsetDateTime timestamp(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static TopUp toTopUp(Row row) {
    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
    OffsetDateTime credited = row.getOffsetDateTime("credited_at");
    return new TopUp(
        row.getUUID("id"),
        row.getString("reference"),
        row.getString("tenant_id"),
        row.getLong("customer_id"),
        row.getLong("amount"),
        row.getString("currency"),
        row.getString("method"),
        row.getLong("stars"),
        row.getString("status"),
        row.getString("provider_transaction_id"),
        row.getString("confirmed_by"),
        row.getOffsetDateTime("created_at").toInstant(),
        expires == null ? null : expires.toInstant(),
        credited == null ? null : credited.toInstant());
  }
}
