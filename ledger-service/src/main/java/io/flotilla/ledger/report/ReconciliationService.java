package io.flotilla.ledger.report;

import io.flotilla.ledger.LedgerTime;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the ledger from its entries, on one consistent snapshot, and lists every figure that
 * does not match. Besides the bookkeeping (each balance row equals the sum of its entries, each
 * transfer balances, each currency sums to zero), it checks the books against the business records:
 * pending profit against pending lots, held and paid out against withdrawals, each wallet against
 * its top-ups, payments and refunds, and each cash-in source (central channel, Telegram Stars)
 * against the top-ups it credited.
 */
@ApplicationScoped
public class ReconciliationService {

  private static final List<Check> CHECKS =
      List.of(
          new Check(
              "balance-equals-entries",
              """
              select a.kind || ':' || a.owner_id || ':' || a.customer_id || ':' || a.currency
                         || ':slot' || b.slot as subject,
                     coalesce(s.total, 0) as expected, b.balance as actual
                from account a
                join account_balance b on b.account_id = a.id
                left join (select account_id, slot, sum(amount) as total from entry
                            group by account_id, slot) s
                  on s.account_id = b.account_id and s.slot = b.slot
               where b.balance <> coalesce(s.total, 0)
              """),
          new Check(
              "entry-has-balance-row",
              """
              select 'entry:' || e.id as subject, 0 as expected, e.amount as actual
                from entry e
               where not exists (select 1 from account_balance b
                                  where b.account_id = e.account_id and b.slot = e.slot)
              """),
          new Check(
              "transfer-balanced",
              """
              select 'transfer:' || t.id || ':' || t.kind || ':' || t.reference as subject,
                     0 as expected, coalesce(sum(e.amount), 0) as actual
                from transfer t left join entry e on e.transfer_id = t.id
               group by t.id
              having count(e.id) < 2 or coalesce(sum(e.amount), 0) <> 0
              """),
          new Check(
              "currency-sums-to-zero",
              """
              select 'currency:' || a.currency as subject, 0 as expected,
                     sum(b.balance) as actual
                from account a join account_balance b on b.account_id = a.id
               group by a.currency
              having sum(b.balance) <> 0
              """),
          new Check(
              "pending-equals-pending-lots",
              """
              with kept as (
                  select a.owner_id as agent_id, a.currency, sum(b.balance) as balance
                    from account a join account_balance b on b.account_id = a.id
                   where a.kind = 'agent_pending'
                   group by a.owner_id, a.currency),
              lots as (
                  select agent_id, currency, sum(amount) as amount from profit_lot
                   where status = 'pending' group by agent_id, currency)
              select 'agent_pending:' || coalesce(k.agent_id, l.agent_id) || ':'
                         || coalesce(k.currency, l.currency) as subject,
                     coalesce(l.amount, 0) as expected, coalesce(k.balance, 0) as actual
                from kept k full join lots l
                  on l.agent_id = k.agent_id and l.currency = k.currency
               where coalesce(k.balance, 0) <> coalesce(l.amount, 0)
              """),
          new Check(
              "held-equals-open-withdrawals",
              withdrawalCheck("agent_held", "('requested', 'approved')")),
          new Check(
              "paid-out-equals-paid-withdrawals", withdrawalCheck("agent_paid_out", "('paid')")),
          new Check(
              "cash-in-equals-credited-top-ups",
              """
              with kept as (
                  select a.kind, a.currency, -sum(b.balance) as balance
                    from account a join account_balance b on b.account_id = a.id
                   where a.kind in ('platform_cash_in', 'platform_stars_in')
                   group by a.kind, a.currency),
              credited as (
                  select case method when 'stars' then 'platform_stars_in'
                                     else 'platform_cash_in' end as kind,
                         currency, sum(amount) as amount
                    from top_up where status = 'credited'
                   group by 1, 2)
              select coalesce(k.kind, c.kind) || ':' || coalesce(k.currency, c.currency)
                         as subject,
                     coalesce(c.amount, 0) as expected, coalesce(k.balance, 0) as actual
                from kept k full join credited c on c.kind = k.kind and c.currency = k.currency
               where coalesce(k.balance, 0) <> coalesce(c.amount, 0)
              """),
          new Check(
              "wallet-equals-top-ups-payments-refunds",
              """
              with kept as (
                  select a.owner_id as tenant_id, a.customer_id, a.currency,
                         sum(b.balance) as balance
                    from account a join account_balance b on b.account_id = a.id
                   where a.kind = 'customer_wallet'
                   group by a.owner_id, a.customer_id, a.currency),
              moves as (
                  select tenant_id, customer_id, currency, amount from top_up
                   where status = 'credited'
                  union all
                  select tenant_id, customer_id, currency, -amount from payment
                  union all
                  select tenant_id, customer_id, currency, amount from payment
                   where status = 'refunded'),
              derived as (
                  select tenant_id, customer_id, currency, sum(amount) as amount from moves
                   group by tenant_id, customer_id, currency)
              select 'customer_wallet:' || coalesce(k.tenant_id, d.tenant_id) || ':'
                         || coalesce(k.customer_id, d.customer_id) || ':'
                         || coalesce(k.currency, d.currency) as subject,
                     coalesce(d.amount, 0) as expected, coalesce(k.balance, 0) as actual
                from kept k full join derived d
                  on d.tenant_id = k.tenant_id and d.customer_id = k.customer_id
                 and d.currency = k.currency
               where coalesce(k.balance, 0) <> coalesce(d.amount, 0)
              """));

  private static final String COUNTS =
      "select (select count(*) from account) as accounts, (select count(*) from entry) as entries,"
          + " (select count(*) from transfer) as transfers";

  private final Pool pool;
  private final Clock clock;

  public ReconciliationService(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public Uni<Reconciliation> reconcile() {
    return pool.withTransaction(
        connection ->
            connection
                .query("set transaction isolation level repeatable read, read only")
                .execute()
                .chain(() -> differences(connection))
                .chain(
                    differences ->
                        connection
                            .query(COUNTS)
                            .execute()
                            .map(
                                rows -> {
                                  Row counts = rows.iterator().next();
                                  return new Reconciliation(
                                      LedgerTime.now(clock),
                                      counts.getLong("accounts"),
                                      counts.getLong("entries"),
                                      counts.getLong("transfers"),
                                      differences);
                                })));
  }

  private static Uni<List<Difference>> differences(SqlConnection connection) {
    return Multi.createFrom()
        .iterable(CHECKS)
        .onItem()
        .transformToUniAndConcatenate(
            check ->
                connection
                    .query(check.sql())
                    .execute()
                    .map(
                        rows -> {
                          List<Difference> found = new ArrayList<>();
                          for (Row row : rows) {
                            found.add(
                                new Difference(
                                    check.name(),
                                    row.getString("subject"),
                                    row.getLong("expected"),
                                    row.getLong("actual")));
                          }
                          return found;
                        }))
        .collect()
        .asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  private static String withdrawalCheck(String kind, String statuses) {
    return """
        with kept as (
            select a.owner_id as agent_id, a.currency, sum(b.balance) as balance
              from account a join account_balance b on b.account_id = a.id
             where a.kind = '%s'
             group by a.owner_id, a.currency),
        wanted as (
            select agent_id, currency, sum(amount) as amount from withdrawal
             where status in %s group by agent_id, currency)
        select '%s:' || coalesce(k.agent_id, w.agent_id) || ':'
                   || coalesce(k.currency, w.currency) as subject,
               coalesce(w.amount, 0) as expected, coalesce(k.balance, 0) as actual
          from kept k full join wanted w
            on w.agent_id = k.agent_id and w.currency = k.currency
         where coalesce(k.balance, 0) <> coalesce(w.amount, 0)
        """
        .formatted(kind, statuses, kind);
  }

  private record Check(String name, String sql) {}
}
