package io.flotilla.ledger.maturity;

import io.flotilla.contracts.events.ProfitMatured;
import io.flotilla.ledger.LedgerConfig;
import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.book.Accounts;
import io.flotilla.ledger.book.AgentAccounts;
import io.flotilla.ledger.book.BalanceRow;
import io.flotilla.ledger.book.Journal;
import io.flotilla.ledger.book.Leg;
import io.flotilla.ledger.book.TransferDraft;
import io.flotilla.ledger.book.TransferKind;
import io.flotilla.platform.outbox.SqlOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Moves due pending profit to available, in batches of lots, each batch one transaction: claim the
 * due lots (skipping those another replica holds), post one transfer per agent and currency, mark
 * the lots matured and record one {@code ProfitMatured} per lot. An agent who owes the platform
 * after a refund (negative receivable) pays that back first from the profit that matures.
 */
@ApplicationScoped
public class MaturityJob {

  private static final Logger LOG = Logger.getLogger(MaturityJob.class);

  private final Pool pool;
  private final ProfitLotRepository lots;
  private final Accounts accounts;
  private final Journal journal;
  private final SqlOutbox outbox;
  private final LedgerConfig config;
  private final Clock clock;
  private final Counter matured;

  public MaturityJob(
      Pool pool,
      ProfitLotRepository lots,
      Accounts accounts,
      Journal journal,
      SqlOutbox outbox,
      LedgerConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.pool = pool;
    this.lots = lots;
    this.accounts = accounts;
    this.journal = journal;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
    this.matured = registry.counter("flotilla.ledger.profit.matured.lots");
  }

  @Scheduled(
      identity = "profit-maturity",
      every = "${flotilla.ledger.maturity.every:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return matureDue()
        .onItem()
        .invoke(count -> LOG.debugf("Matured %d profit lots", count))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("Profit maturity stopped, next run continues: %s", failure.toString());
              return 0;
            })
        .replaceWithVoid();
  }

  /** Matures every lot due now, batch after batch, and returns how many it matured. */
  public Uni<Integer> matureDue() {
    Instant now = LedgerTime.now(clock);
    int batchSize = config.maturity().batchSize();
    return Multi.createBy()
        .repeating()
        .uni(() -> matureBatch(now, batchSize))
        .whilst(count -> count == batchSize)
        .collect()
        .with(Collectors.summingInt(Integer::intValue));
  }

  /** Matures up to {@code limit} lots due at {@code now} in one transaction. */
  public Uni<Integer> matureBatch(Instant now, int limit) {
    return pool.withTransaction(
            connection ->
                lots.claimDue(connection, now, limit)
                    .chain(
                        claimed ->
                            claimed.isEmpty()
                                ? Uni.createFrom().item(0)
                                : mature(connection, claimed, now)))
        .invoke(count -> matured.increment(count));
  }

  private Uni<Integer> mature(SqlConnection connection, List<ProfitLot> claimed, Instant now) {
    Map<AgentCurrency, List<ProfitLot>> byAgent = new LinkedHashMap<>();
    for (ProfitLot lot : claimed) {
      byAgent
          .computeIfAbsent(new AgentCurrency(lot.agentId(), lot.currency()), k -> new ArrayList<>())
          .add(lot);
    }
    List<AgentCurrency> agents = List.copyOf(byAgent.keySet());
    return Multi.createFrom()
        .iterable(agents)
        .onItem()
        .transformToUniAndConcatenate(
            agent -> accounts.openAgent(agent.agentId(), agent.currency()))
        .collect()
        .asList()
        .chain(
            opened -> {
              Map<AgentCurrency, AgentAccounts> accountsOf = new LinkedHashMap<>();
              List<BalanceRow> rows = new ArrayList<>();
              for (int i = 0; i < agents.size(); i++) {
                AgentAccounts agentAccounts = opened.get(i);
                accountsOf.put(agents.get(i), agentAccounts);
                rows.add(BalanceRow.of(agentAccounts.pending()));
                rows.add(BalanceRow.of(agentAccounts.available()));
                rows.add(BalanceRow.of(agentAccounts.receivable()));
              }
              return journal
                  .lock(connection, rows)
                  .chain(balances -> post(connection, byAgent, accountsOf, balances, now));
            });
  }

  private Uni<Integer> post(
      SqlConnection connection,
      Map<AgentCurrency, List<ProfitLot>> byAgent,
      Map<AgentCurrency, AgentAccounts> accountsOf,
      Map<Long, Long> balances,
      Instant now) {
    String batch = UUID.randomUUID().toString();
    List<TransferDraft> transfers = new ArrayList<>();
    for (Map.Entry<AgentCurrency, List<ProfitLot>> group : byAgent.entrySet()) {
      AgentAccounts agent = accountsOf.get(group.getKey());
      long total = group.getValue().stream().mapToLong(ProfitLot::amount).sum();
      long owed = Math.max(0, -balances.getOrDefault(agent.receivable().id(), 0L));
      long repaid = Math.min(owed, total);
      transfers.add(
          new TransferDraft(
              TransferKind.MATURITY,
              reference(batch, group.getKey()),
              group.getKey().currency(),
              List.of(
                  Leg.of(agent.pending(), -total),
                  Leg.of(agent.receivable(), repaid),
                  Leg.of(agent.available(), total - repaid))));
    }
    return journal
        .post(connection, now, TransferKind.MATURITY, transfers)
        .chain(
            transferIds -> {
              List<ProfitMatured> events = new ArrayList<>();
              List<String> orderIds = new ArrayList<>();
              List<Long> lotTransfers = new ArrayList<>();
              for (Map.Entry<AgentCurrency, List<ProfitLot>> group : byAgent.entrySet()) {
                Long transferId = transferIds.get(reference(batch, group.getKey()));
                for (ProfitLot lot : group.getValue()) {
                  orderIds.add(lot.orderId());
                  lotTransfers.add(transferId);
                  events.add(
                      new ProfitMatured(
                          lot.agentId(), lot.orderId(), lot.amount(), lot.currency(), now));
                }
              }
              return lots.markMatured(
                      connection,
                      orderIds.toArray(String[]::new),
                      lotTransfers.toArray(Long[]::new),
                      now)
                  .chain(() -> outbox.publish(connection, events))
                  .replaceWith(orderIds.size());
            });
  }

  private static String reference(String batch, AgentCurrency agent) {
    return batch + "/" + agent.agentId() + "/" + agent.currency();
  }

  private record AgentCurrency(String agentId, String currency) {}
}
