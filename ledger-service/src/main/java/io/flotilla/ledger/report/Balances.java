package io.flotilla.ledger.report;

import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.AccountKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Balances and statements, each read in one statement so its figures agree with each other. */
@ApplicationScoped
public class Balances {

  private static final String BY_KIND =
      """
      select a.kind, sum(b.balance) as balance
        from account a join account_balance b on b.account_id = a.id
       where a.owner_id = $1 and a.customer_id = $2 and a.currency = $3
       group by a.kind
      """;

  private static final String TOTALS =
      """
      select a.kind, sum(b.balance) as balance
        from account a join account_balance b on b.account_id = a.id
       where a.currency = $1
       group by a.kind
      """;

  /*
   * The balance after an entry is today's balance less every newer entry; the window runs over the
   * whole account before the page is cut, so every page shows true running balances.
   */
  private static final String STATEMENT =
      """
      with target as (
          select id from account
           where kind = $1 and owner_id = $2 and customer_id = $3 and currency = $4),
      current as (
          select coalesce(sum(balance), 0) as balance from account_balance
           where account_id = (select id from target)),
      lines as (
          select e.id, e.amount, t.kind, t.reference, t.created_at,
                 (select balance from current)
                     - coalesce(sum(e.amount) over (order by e.id desc
                                  rows between unbounded preceding and 1 preceding), 0)
                     as balance_after
            from entry e join transfer t on t.id = e.transfer_id
           where e.account_id = (select id from target))
      select (select balance from current) as current_balance, l.*
        from (select 1) one
        left join (select * from lines where $5::bigint is null or id < $5
                    order by id desc limit $6) l on true
      """;

  private final Pool pool;

  public Balances(Pool pool) {
    this.pool = pool;
  }

  public Uni<AgentBalance> agent(String agentId, String currency) {
    return byKind(agentId, 0, currency)
        .map(
            balances ->
                new AgentBalance(
                    agentId,
                    currency,
                    balances.getOrDefault(AccountKind.AGENT_PENDING, 0L),
                    balances.getOrDefault(AccountKind.AGENT_AVAILABLE, 0L),
                    balances.getOrDefault(AccountKind.AGENT_HELD, 0L),
                    balances.getOrDefault(AccountKind.AGENT_PAID_OUT, 0L),
                    -balances.getOrDefault(AccountKind.AGENT_RECEIVABLE, 0L)));
  }

  public Uni<WalletBalance> wallet(String tenantId, long customerId, String currency) {
    return byKind(tenantId, customerId, currency)
        .map(
            balances ->
                new WalletBalance(
                    tenantId,
                    customerId,
                    currency,
                    balances.getOrDefault(AccountKind.CUSTOMER_WALLET, 0L)));
  }

  public Uni<PlatformTotals> totals(String currency) {
    return pool.preparedQuery(TOTALS)
        .execute(Tuple.of(currency))
        .map(
            rows -> {
              Map<AccountKind, Long> sums = toMap(rows);
              long bookTotal = sums.values().stream().mapToLong(Long::longValue).sum();
              return new PlatformTotals(
                  currency,
                  sums.getOrDefault(AccountKind.CUSTOMER_WALLET, 0L),
                  sums.getOrDefault(AccountKind.AGENT_PENDING, 0L),
                  sums.getOrDefault(AccountKind.AGENT_AVAILABLE, 0L),
                  sums.getOrDefault(AccountKind.AGENT_HELD, 0L),
                  sums.getOrDefault(AccountKind.AGENT_PAID_OUT, 0L),
                  -sums.getOrDefault(AccountKind.AGENT_RECEIVABLE, 0L),
                  sums.getOrDefault(AccountKind.PLATFORM_REVENUE, 0L),
                  -sums.getOrDefault(AccountKind.PLATFORM_CASH_IN, 0L),
                  -sums.getOrDefault(AccountKind.PLATFORM_STARS_IN, 0L),
                  bookTotal);
            });
  }

  /** Entries of one account, newest first, {@code limit} of them before entry {@code before}. */
  public Uni<Statement> statement(AccountKey key, Long before, int limit) {
    return pool.preparedQuery(STATEMENT)
        .execute(
            Tuple.tuple()
                .addValue(key.kind().dbName())
                .addValue(key.ownerId())
                .addValue(key.customerId())
                .addValue(key.currency())
                .addValue(before)
                .addValue(limit))
        .map(
            rows -> {
              long balance = 0;
              List<StatementLine> lines = new ArrayList<>();
              for (Row row : rows) {
                balance = row.getLong("current_balance");
                if (row.getLong("id") != null) {
                  lines.add(
                      new StatementLine(
                          row.getLong("id"),
                          row.getString("kind"),
                          row.getString("reference"),
                          row.getLong("amount"),
                          row.getLong("balance_after"),
                          row.getOffsetDateTime("created_at").toInstant()));
                }
              }
              Long next = lines.size() == limit ? lines.getLast().entryId() : null;
              return new Statement(key.kind().dbName(), key.currency(), balance, lines, next);
            });
  }

  private Uni<Map<AccountKind, Long>> byKind(String ownerId, long customerId, String currency) {
    return pool.preparedQuery(BY_KIND)
        .execute(Tuple.of(ownerId, customerId, currency))
        .map(Balances::toMap);
  }

  private static Map<AccountKind, Long> toMap(Iterable<Row> rows) {
    Map<AccountKind, Long> sums = new EnumMap<>(AccountKind.class);
    for (Row row : rows) {
      sums.put(AccountKind.fromDb(row.getString("kind")), row.getLong("balance"));
    }
    return sums;
  }
}
