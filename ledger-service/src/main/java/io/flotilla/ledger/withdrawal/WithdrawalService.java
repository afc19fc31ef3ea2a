package io.flotilla.ledger.withdrawal;

import io.flotilla.contracts.events.WithdrawalApproved;
import io.flotilla.contracts.events.WithdrawalPaid;
import io.flotilla.contracts.events.WithdrawalRejected;
import io.flotilla.contracts.events.WithdrawalRequested;
import io.flotilla.ledger.Currencies;
import io.flotilla.ledger.LedgerConfig;
import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.agent.AgentRules;
import io.flotilla.ledger.book.Account;
import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.AccountKind;
import io.flotilla.ledger.book.Accounts;
import io.flotilla.ledger.book.AgentAccounts;
import io.flotilla.ledger.book.Journal;
import io.flotilla.ledger.book.LedgerFailures;
import io.flotilla.ledger.book.Leg;
import io.flotilla.ledger.book.TransferDraft;
import io.flotilla.ledger.book.TransferKind;
import io.flotilla.platform.outbox.SqlOutbox;
import io.flotilla.platform.persistence.DatabaseErrors;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * An agent's withdrawal, each step once and in order: the request holds the amount out of the
 * available balance, an admin approves it, then marks it paid with the payout's transaction id (the
 * hold leaves as paid out) or rejects it (the hold goes back to available). Every step commits with
 * its event.
 */
@ApplicationScoped
public class WithdrawalService {

  private final Pool pool;
  private final WithdrawalRepository withdrawals;
  private final Accounts accounts;
  private final Journal journal;
  private final SqlOutbox outbox;
  private final AgentRules rules;
  private final LedgerConfig config;
  private final Clock clock;

  public WithdrawalService(
      Pool pool,
      WithdrawalRepository withdrawals,
      Accounts accounts,
      Journal journal,
      SqlOutbox outbox,
      AgentRules rules,
      LedgerConfig config,
      Clock clock) {
    this.pool = pool;
    this.withdrawals = withdrawals;
    this.accounts = accounts;
    this.journal = journal;
    this.outbox = outbox;
    this.rules = rules;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Holds the amount for a new withdrawal. With an idempotency key, a repeated request returns the
   * withdrawal the first one made ({@code created} false).
   */
  public Uni<Requested> request(String agentId, WithdrawalRequest request, String idempotencyKey) {
    String currency = Currencies.orDefault(request.currency(), config);
    Uni<Withdrawal> earlier =
        idempotencyKey == null
            ? Uni.createFrom().nullItem()
            : withdrawals.findByIdempotencyKey(pool, agentId, idempotencyKey);
    return earlier.chain(
        found ->
            found != null
                ? Uni.createFrom().item(sameRequest(found, request, currency))
                : hold(agentId, request, currency, idempotencyKey));
  }

  private Uni<Requested> hold(
      String agentId, WithdrawalRequest request, String currency, String idempotencyKey) {
    long amount = request.amount();
    return rules
        .withdrawalRules(agentId)
        .chain(
            agentRules -> {
              if (amount < agentRules.minimum()) {
                throw new ProblemException(
                    422,
                    "below-minimum-withdrawal",
                    "Below the minimum withdrawal",
                    "The minimum withdrawal is " + agentRules.minimum() + " " + currency,
                    Map.of("minimum", agentRules.minimum()));
              }
              String address =
                  request.payoutAddress() != null
                      ? request.payoutAddress()
                      : agentRules.payoutAddress();
              if (address == null) {
                throw ProblemException.unprocessable(
                    "payout-address-missing",
                    "Give a payout_address or set one in the agent's settings");
              }
              return accounts
                  .find(AccountKey.agent(AccountKind.AGENT_AVAILABLE, agentId, currency))
                  .chain(
                      available ->
                          available == null
                              ? Uni.createFrom().failure(overAvailable(currency, 0))
                              : accounts.openAgent(agentId, currency))
                  .chain(
                      agent -> {
                        Withdrawal withdrawal =
                            new Withdrawal(
                                UUID.randomUUID(),
                                agentId,
                                amount,
                                currency,
                                address,
                                WithdrawalStatus.REQUESTED,
                                null,
                                null,
                                LedgerTime.now(clock),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                idempotencyKey);
                        return pool.withTransaction(
                            connection -> insertAndHold(connection, withdrawal, agent));
                      });
            })
        .map(withdrawal -> new Requested(withdrawal, true))
        .onFailure(LedgerFailures::isShortBalance)
        .recoverWithUni(
            failure ->
                accounts
                    .balance(AccountKey.agent(AccountKind.AGENT_AVAILABLE, agentId, currency))
                    .map(
                        available -> {
                          throw overAvailable(currency, available);
                        }))
        .onFailure(failure -> idempotencyKey != null && DatabaseErrors.isUniqueViolation(failure))
        .recoverWithUni(
            () ->
                withdrawals
                    .findByIdempotencyKey(pool, agentId, idempotencyKey)
                    .map(found -> sameRequest(found, request, currency)));
  }

  private Uni<Withdrawal> insertAndHold(
      SqlConnection connection, Withdrawal withdrawal, AgentAccounts agent) {
    String reference = withdrawal.withdrawalId().toString();
    return withdrawals
        .insert(connection, withdrawal)
        .chain(
            () ->
                journal.post(
                    connection,
                    withdrawal.requestedAt(),
                    new TransferDraft(
                        TransferKind.WITHDRAWAL_HOLD,
                        reference,
                        withdrawal.currency(),
                        List.of(
                            Leg.of(agent.available(), -withdrawal.amount()),
                            Leg.of(agent.held(), withdrawal.amount())))))
        .chain(
            () ->
                outbox.publish(
                    connection,
                    new WithdrawalRequested(
                        withdrawal.agentId(),
                        reference,
                        withdrawal.amount(),
                        withdrawal.currency(),
                        withdrawal.payoutAddress())))
        .replaceWith(withdrawal);
  }

  public Uni<Withdrawal> approve(UUID id, String adminId) {
    return step(
        id,
        WithdrawalStatus.APPROVED,
        List.of(WithdrawalStatus.REQUESTED),
        (connection, withdrawal, now) ->
            withdrawals
                .approve(connection, id, adminId, now)
                .chain(
                    () ->
                        outbox.publish(
                            connection,
                            new WithdrawalApproved(
                                withdrawal.agentId(),
                                id.toString(),
                                adminId,
                                withdrawal.amount(),
                                withdrawal.currency()))));
  }

  public Uni<Withdrawal> reject(UUID id, String adminId, String reason) {
    return step(
        id,
        WithdrawalStatus.REJECTED,
        List.of(WithdrawalStatus.REQUESTED, WithdrawalStatus.APPROVED),
        (connection, withdrawal, now) ->
            move(
                    connection,
                    withdrawal,
                    TransferKind.WITHDRAWAL_RELEASE,
                    now,
                    AgentAccounts::available)
                .chain(() -> withdrawals.reject(connection, id, adminId, reason, now))
                .chain(
                    () ->
                        outbox.publish(
                            connection,
                            new WithdrawalRejected(
                                withdrawal.agentId(),
                                id.toString(),
                                adminId,
                                reason,
                                withdrawal.amount(),
                                withdrawal.currency()))));
  }

  public Uni<Withdrawal> pay(UUID id, String adminId, String txid) {
    return step(
            id,
            WithdrawalStatus.PAID,
            List.of(WithdrawalStatus.APPROVED),
            (connection, withdrawal, now) ->
                move(
                        connection,
                        withdrawal,
                        TransferKind.WITHDRAWAL_PAYOUT,
                        now,
                        AgentAccounts::paidOut)
                    .chain(() -> withdrawals.pay(connection, id, adminId, txid, now))
                    .chain(
                        () ->
                            outbox.publish(
                                connection,
                                new WithdrawalPaid(
                                    withdrawal.agentId(),
                                    id.toString(),
                                    withdrawal.amount(),
                                    withdrawal.currency(),
                                    txid))))
        .onFailure(
            failure ->
                DatabaseErrors.violatedUniqueConstraint(failure)
                    .filter("withdrawal_txid"::equals)
                    .isPresent())
        .transform(
            failure ->
                ProblemException.conflict(
                    "txid-reused", "Transaction id " + txid + " already paid a withdrawal"));
  }

  public Uni<Withdrawal> find(UUID id) {
    return withdrawals
        .find(pool, id)
        .map(
            found -> {
              if (found == null) {
                throw ProblemException.notFound("No withdrawal " + id);
              }
              return found;
            });
  }

  public Uni<List<Withdrawal>> list(String agentId, WithdrawalStatus status, int page, int limit) {
    return withdrawals.list(pool, agentId, status, page * limit, limit);
  }

  /** Moves the held amount of a withdrawal out of the hold, to available or to paid out. */
  private Uni<Void> move(
      SqlConnection connection,
      Withdrawal withdrawal,
      TransferKind kind,
      Instant now,
      Function<AgentAccounts, Account> destination) {
    return accounts
        .openAgent(withdrawal.agentId(), withdrawal.currency())
        .chain(
            agent ->
                journal.post(
                    connection,
                    now,
                    new TransferDraft(
                        kind,
                        withdrawal.withdrawalId().toString(),
                        withdrawal.currency(),
                        List.of(
                            Leg.of(agent.held(), -withdrawal.amount()),
                            Leg.of(destination.apply(agent), withdrawal.amount())))))
        .replaceWithVoid();
  }

  private Uni<Withdrawal> step(
      UUID id, WithdrawalStatus target, List<WithdrawalStatus> from, StepAction action) {
    return pool.withTransaction(
        connection ->
            withdrawals
                .lock(connection, id)
                .chain(
                    withdrawal -> {
                      if (withdrawal == null) {
                        throw ProblemException.notFound("No withdrawal " + id);
                      }
                      if (!from.contains(withdrawal.status())) {
                        throw ProblemException.conflict(
                            "withdrawal-step-out-of-order",
                            "Withdrawal "
                                + id
                                + " is "
                                + withdrawal.status().dbName()
                                + "; it can become "
                                + target.dbName()
                                + " only when "
                                + String.join(
                                    " or ", from.stream().map(WithdrawalStatus::dbName).toList()));
                      }
                      return action
                          .apply(connection, withdrawal, LedgerTime.now(clock))
                          .chain(() -> withdrawals.find(connection, id));
                    }));
  }

  private static Requested sameRequest(
      Withdrawal found, WithdrawalRequest request, String currency) {
    if (found.amount() != request.amount() || !found.currency().equals(currency)) {
      throw ProblemException.conflict(
          "idempotency-key-reused",
          "This Idempotency-Key was used for a different withdrawal request");
    }
    return new Requested(found, false);
  }

  private static ProblemException overAvailable(String currency, long available) {
    return new ProblemException(
        422,
        "insufficient-available",
        "More than the available balance",
        "The available balance is " + available + " " + currency,
        Map.of("available", available));
  }

  @FunctionalInterface
  private interface StepAction {
    Uni<Void> apply(SqlConnection connection, Withdrawal withdrawal, Instant now);
  }

  /** A withdrawal and whether this request created it. */
  public record Requested(Withdrawal withdrawal, boolean created) {}
}
