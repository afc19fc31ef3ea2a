package io.flotilla.ledger.book;

import io.flotilla.ledger.LedgerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens accounts on first use and finds them by key. Accounts are never closed or changed, so their
 * ids are cached; the cache starts over when it reaches {@value #CACHE_LIMIT} accounts (one per
 * customer wallet adds up). Opening runs in its own statements, outside the caller's transaction:
 * an account with no entries holds nothing, and a transaction that fails later leaves only such an
 * empty account behind.
 */
@ApplicationScoped
public class Accounts {

  static final int CACHE_LIMIT = 200_000;

  private static final Comparator<AccountKey> OPENING_ORDER =
      Comparator.comparing(AccountKey::kind)
          .thenComparing(AccountKey::ownerId)
          .thenComparingLong(AccountKey::customerId)
          .thenComparing(AccountKey::currency);

  private static final String OPEN =
      """
      with wanted as (
          select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::int[],
                               $6::boolean[])
              as w(kind, owner_id, customer_id, currency, slots, non_negative)),
      opened as (
          insert into account (kind, owner_id, customer_id, currency, slots, non_negative)
          select kind, owner_id, customer_id, currency, slots, non_negative from wanted
          on conflict do nothing
          returning id, slots, non_negative)
      insert into account_balance (account_id, slot, non_negative)
      select o.id, s, o.non_negative from opened o, generate_series(0, o.slots - 1) s
      """;

  private static final String FIND =
      """
      select id, kind, owner_id, customer_id, currency, slots from account
       where (kind, owner_id, customer_id, currency) in
             (select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[]))
      """;

  private final Pool pool;
  private final int hotSlots;
  private final Map<AccountKey, Account> cache = new ConcurrentHashMap<>();

  public Accounts(Pool pool, LedgerConfig config) {
    this.pool = pool;
    this.hotSlots = config.hotAccountSlots();
  }

  /** The accounts, opened where missing, in the order of the keys. */
  public Uni<List<Account>> open(List<AccountKey> keys) {
    List<Account> cached = keys.stream().map(cache::get).toList();
    if (!cached.contains(null)) {
      return Uni.createFrom().item(cached);
    }
    List<AccountKey> wanted = keys.stream().distinct().sorted(OPENING_ORDER).toList();
    return pool.preparedQuery(OPEN)
        .execute(openTuple(wanted))
        .chain(() -> lookUp(wanted))
        .map(
            found ->
                keys.stream()
                    .map(
                        key -> {
                          Account account = found.get(key);
                          if (account == null) {
                            throw new IllegalStateException("Account " + key + " was not opened");
                          }
                          return account;
                        })
                    .toList());
  }

  public Uni<Account> open(AccountKey key) {
    return open(List.of(key)).map(List::getFirst);
  }

  /** The account if it was ever opened, else {@code null}. */
  public Uni<Account> find(AccountKey key) {
    Account cached = cache.get(key);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    return lookUp(List.of(key)).map(found -> found.get(key));
  }

  /** The balance of an account, 0 when it was never opened. */
  public Uni<Long> balance(AccountKey key) {
    return pool.preparedQuery(
            "select coalesce(sum(b.balance), 0) as balance from account a"
                + " join account_balance b on b.account_id = a.id"
                + " where a.kind = $1 and a.owner_id = $2 and a.customer_id = $3"
                + " and a.currency = $4")
        .execute(Tuple.of(key.kind().dbName(), key.ownerId(), key.customerId(), key.currency()))
        .map(rows -> rows.iterator().next().getLong("balance"));
  }

  /** Every account of an agent in one currency, opened where missing. */
  public Uni<AgentAccounts> openAgent(String agentId, String currency) {
    return open(List.of(
            AccountKey.agent(AccountKind.AGENT_PENDING, agentId, currency),
            AccountKey.agent(AccountKind.AGENT_AVAILABLE, agentId, currency),
            AccountKey.agent(AccountKind.AGENT_HELD, agentId, currency),
            AccountKey.agent(AccountKind.AGENT_PAID_OUT, agentId, currency),
            AccountKey.agent(AccountKind.AGENT_RECEIVABLE, agentId, currency)))
        .map(a -> new AgentAccounts(a.get(0), a.get(1), a.get(2), a.get(3), a.get(4)));
  }

  private Uni<Map<AccountKey, Account>> lookUp(List<AccountKey> keys) {
    int size = keys.size();
    String[] kinds = new String[size];
    String[] owners = new String[size];
    Long[] customers = new Long[size];
    String[] currencies = new String[size];
    for (int i = 0; i < size; i++) {
      AccountKey key = keys.get(i);
      kinds[i] = key.kind().dbName();
      owners[i] = key.ownerId();
      customers[i] = key.customerId();
      currencies[i] = key.currency();
    }
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(kinds, owners, customers, currencies))
        .map(
            rows -> {
              Map<AccountKey, Account> found = new HashMap<>();
              for (Row row : rows) {
                Account account = toAccount(row);
                found.put(account.key(), account);
                remember(account);
              }
              return found;
            });
  }

  private void remember(Account account) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(account.key(), account);
  }

  private Tuple openTuple(List<AccountKey> keys) {
    int size = keys.size();
    String[] kinds = new String[size];
    String[] owners = new String[size];
    Long[] customers = new Long[size];
    String[] currencies = new String[size];
    Integer[] slots = new Integer[size];
    Boolean[] nonNegative = new Boolean[size];
    for (int i = 0; i < size; i++) {
      AccountKey key = keys.get(i);
      kinds[i] = key.kind().dbName();
      owners[i] = key.ownerId();
      customers[i] = key.customerId();
      currencies[i] = key.currency();
      slots[i] = key.kind().hot() ? hotSlots : 1;
      nonNegative[i] = key.kind().nonNegative();
    }
    return Tuple.of(kinds, owners, customers, currencies, slots, nonNegative);
  }

  static Account toAccount(Row row) {
    return new Account(
        row.getLong("id"),
        new AccountKey(
            AccountKind.fromDb(row.getString("kind")),
            row.getString("owner_id"),
            row.getLong("customer_id"),
            row.getString("currency")),
        row.getInteger("slots"));
  }
}
