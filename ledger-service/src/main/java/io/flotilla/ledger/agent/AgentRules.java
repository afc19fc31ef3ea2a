package io.flotilla.ledger.agent;

import io.flotilla.ledger.LedgerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the withdrawal rules in force for an agent on the ledger's SQL pool. */
@ApplicationScoped
public class AgentRules {

  private final Pool pool;
  private final LedgerConfig config;

  public AgentRules(Pool pool, LedgerConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** The minimum withdrawal and the payout address on file (null when none). */
  public Uni<WithdrawalRules> withdrawalRules(String agentId) {
    return pool.preparedQuery(
            "select min_withdrawal, payout_address from agent_settings where agent_id = $1")
        .execute(Tuple.of(agentId))
        .map(
            rows -> {
              Row row = rows.size() == 0 ? null : rows.iterator().next();
              Long minimum = row == null ? null : row.getLong("min_withdrawal");
              return new WithdrawalRules(
                  minimum != null ? minimum : config.minimumWithdrawal(),
                  row == null ? null : row.getString("payout_address"));
            });
  }

  public record WithdrawalRules(long minimum, String payoutAddress) {}
}
