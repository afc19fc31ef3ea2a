package io.flotilla.ledger.book;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes transfers and their entries inside the caller's transaction. The database applies the
 * entries to the balances in the same statement (see {@code entry_apply} in V1__ledger.sql), so a
 * posting and its balances commit or roll back together, and a posting that would take a
 * non-negative account below zero fails as a whole. A transaction that posts to a customer wallet
 * locks that wallet first ({@link #lock}); payments do it in their own statement.
 */
@ApplicationScoped
public class Journal {

  private static final String POST =
      """
      with transfers as (
          insert into transfer (kind, reference, currency, created_at)
          select $1, reference, currency, $2 from unnest($3::text[], $4::text[])
              as t(reference, currency)
          returning id, reference),
      entries as (
          insert into entry (transfer_id, account_id, slot, amount, currency)
          select t.id, l.account_id, l.slot, l.amount, l.currency
            from unnest($5::text[], $6::bigint[], $7::int[], $8::bigint[], $9::text[])
                     as l(reference, account_id, slot, amount, currency)
            join transfers t on t.reference = l.reference
          returning transfer_id)
      select id, reference from transfers
      """;

  private static final String LOCK =
      """
      select account_id, slot, balance from account_balance
       where (account_id, slot) in (select * from unnest($1::bigint[], $2::int[]))
       order by account_id, slot
         for update
      """;

  /** Posts one transfer and returns its id. */
  public Uni<Long> post(SqlConnection connection, Instant at, TransferDraft draft) {
    return post(connection, at, draft.kind(), List.of(draft))
        .map(ids -> ids.get(draft.reference()));
  }

  /**
   * Posts transfers of one kind in one statement and returns their ids by reference.
   *
   * @throws io.vertx.pgclient.PgException {@code transfer_once} when one was posted before, {@code
   *     account_balance_non_negative} when an account would go below zero
   */
  public Uni<Map<String, Long>> post(
      SqlConnection connection, Instant at, TransferKind kind, Collection<TransferDraft> drafts) {
    List<String> references = new ArrayList<>();
    List<String> currencies = new ArrayList<>();
    List<String> legReferences = new ArrayList<>();
    List<Long> accounts = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    List<Long> amounts = new ArrayList<>();
    List<String> legCurrencies = new ArrayList<>();
    for (TransferDraft draft : drafts) {
      if (draft.kind() != kind) {
        throw new IllegalArgumentException("A " + draft.kind() + " among " + kind + " transfers");
      }
      references.add(draft.reference());
      currencies.add(draft.currency());
      for (Leg leg : draft.legs()) {
        legReferences.add(draft.reference());
        accounts.add(leg.accountId());
        slots.add(leg.slot());
        amounts.add(leg.amount());
        legCurrencies.add(draft.currency());
      }
    }
    Tuple parameters =
        Tuple.tuple()
            .addValue(kind.dbName())
            .addValue(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
            .addValue(references.toArray(String[]::new))
            .addValue(currencies.toArray(String[]::new))
            .addValue(legReferences.toArray(String[]::new))
            .addValue(accounts.toArray(Long[]::new))
            .addValue(slots.toArray(Integer[]::new))
            .addValue(amounts.toArray(Long[]::new))
            .addValue(legCurrencies.toArray(String[]::new));
    return connection
        .preparedQuery(POST)
        .execute(parameters)
        .map(
            rows -> {
              Map<String, Long> ids = new HashMap<>();
              for (Row row : rows) {
                ids.put(row.getString("reference"), row.getLong("id"));
              }
              return ids;
            });
  }

  /**
   * Locks balance rows in (account, slot) order and returns each account's balance summed over the
   * given slots. Every transaction takes balance-row locks in one order, which keeps them free of
   * deadlocks: at most one customer wallet first, then every other row it will post to, sorted, in
   * one call (the order {@code entry_apply} locks in). Call it before reading a balance a posting
   * depends on.
   */
  public Uni<Map<Long, Long>> lock(SqlConnection connection, Collection<BalanceRow> rows) {
    Long[] accounts = rows.stream().map(BalanceRow::accountId).toArray(Long[]::new);
    Integer[] slots = rows.stream().map(BalanceRow::slot).toArray(Integer[]::new);
    return connection
        .preparedQuery(LOCK)
        .execute(Tuple.of(accounts, slots))
        .map(
            result -> {
              Map<Long, Long> balances = new HashMap<>();
              for (Row row : result) {
                balances.merge(row.getLong("account_id"), row.getLong("balance"), Long::sum);
              }
              return balances;
            });
  }
}
