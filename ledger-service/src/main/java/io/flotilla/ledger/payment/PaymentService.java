package io.flotilla.ledger.payment;

import io.flotilla.contracts.ids.TimeOrderedIds;
import io.flotilla.ledger.Currencies;
import io.flotilla.ledger.LedgerConfig;
import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.book.Account;
import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.AccountKind;
import io.flotilla.ledger.book.Accounts;
import io.flotilla.ledger.book.LedgerFailures;
import io.flotilla.ledger.book.Leg;
import io.flotilla.platform.batch.BatchLane;
import io.flotilla.platform.persistence.DatabaseErrors;
import io.flotilla.platform.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Charges a customer's wallet for an order, once per order id. The wallet debit, the platform's
 * revenue, the agent's pending profit, the payment and its profit lot are written together.
 * Payments that arrive while others are being booked go together in one statement (group commit);
 * one the batch leaves out — a replay, or a wallet that may not cover it — is booked by a statement
 * of its own, which fails as a whole when the wallet cannot cover the order.
 */
@ApplicationScoped
public class PaymentService {

  private static final Logger LOG = Logger.getLogger(PaymentService.class);

  private final Pool pool;
  private final Accounts accounts;
  private final PaymentRepository payments;
  private final LedgerConfig config;
  private final Clock clock;
  private final Counter paid;
  private final Counter refused;
  private final Counter bookedInBatch;
  private final Counter bookedAlone;
  private final BatchLane<Charge, Optional<PaymentResult>> batches;

  public PaymentService(
      Pool pool,
      Accounts accounts,
      PaymentRepository payments,
      LedgerConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.pool = pool;
    this.accounts = accounts;
    this.payments = payments;
    this.config = config;
    this.clock = clock;
    this.paid = registry.counter("flotilla.ledger.payments", "outcome", "paid");
    this.refused = registry.counter("flotilla.ledger.payments", "outcome", "insufficient_funds");
    this.bookedInBatch = registry.counter("flotilla.ledger.payments.booked", "by", "batch");
    this.bookedAlone = registry.counter("flotilla.ledger.payments.booked", "by", "single");
    this.batches =
        new BatchLane<>(
            config.payments().maxBatch(),
            config.payments().batchesInFlight(),
            charges ->
                payments
                    .chargeBatch(pool, charges, holdingSeconds())
                    .onFailure()
                    .recoverWithItem(
                        failure -> {
                          LOG.warnf(
                              "A batch of %d payments failed; each is booked alone: %s",
                              charges.size(), failure.toString());
                          return Collections.nCopies(charges.size(), Optional.empty());
                        }));
  }

  public Uni<PaymentOutcome> pay(PaymentRequest request) {
    return payAll(List.of(request)).chain(attempts -> attempts.getFirst().toUni());
  }

  /**
   * Pays several orders, each exactly as {@link #pay} would, those that can be booked together in
   * shared batch statements.
   *
   * @return per request, in their order, its outcome or the failure {@link #pay} would give
   */
  public Uni<List<PaymentAttempt>> payAll(List<PaymentRequest> requests) {
    if (requests.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Uni.join()
        .all(requests.stream().map(this::prepare).toList())
        .andFailFast()
        .chain(
            prepared ->
                batches
                    .submitAll(
                        prepared.stream().map(Prepared::charge).filter(Objects::nonNull).toList())
                    .chain(booked -> settle(prepared, booked.iterator())));
  }

  public Uni<PaymentView> find(String orderId) {
    return payments
        .find(pool, orderId)
        .map(
            found -> {
              if (found == null) {
                throw ProblemException.notFound("No payment for order " + orderId);
              }
              return found;
            });
  }

  /** A payment ready to book, or why it cannot be. */
  private record Prepared(
      PaymentRequest request, String currency, Priced priced, Charge charge, Throwable failure) {}

  /** Finds the wallet and opens the credited accounts; never fails, the failure is kept instead. */
  private Uni<Prepared> prepare(PaymentRequest request) {
    String currency = Currencies.orDefault(request.currency(), config);
    Priced priced = Priced.of(request, currency);
    return accounts
        .find(AccountKey.wallet(request.tenantId(), request.customerId(), currency))
        .chain(
            wallet ->
                wallet == null
                    ? Uni.createFrom().<Charge>failure(insufficientFunds(priced))
                    : charge(request, priced, wallet))
        .map(charge -> new Prepared(request, currency, priced, charge, null))
        .onFailure()
        .recoverWithItem(failure -> new Prepared(request, currency, priced, null, failure));
  }

  private Uni<Charge> charge(PaymentRequest request, Priced priced, Account wallet) {
    List<AccountKey> creditedKeys = new ArrayList<>();
    creditedKeys.add(AccountKey.platform(AccountKind.PLATFORM_REVENUE, priced.currency()));
    if (priced.markupTotal() > 0) {
      creditedKeys.add(
          AccountKey.agent(AccountKind.AGENT_PENDING, request.soldBy(), priced.currency()));
    }
    Instant paidAt = LedgerTime.now(clock);
    return accounts
        .open(creditedKeys)
        .map(
            credited -> {
              List<Leg> credits = new ArrayList<>();
              if (priced.baseTotal() > 0) {
                credits.add(Leg.spread(credited.get(0), request.orderId(), priced.baseTotal()));
              }
              if (priced.markupTotal() > 0) {
                credits.add(Leg.spread(credited.get(1), request.orderId(), priced.markupTotal()));
              }
              return new Charge(
                  TimeOrderedIds.next(), request, priced, wallet.id(), credits, paidAt);
            });
  }

  /**
   * Answers each payment: booked by its batch, else by the one-payment statement (a replay, or a
   * wallet that may not cover it), else by what its failure means.
   */
  private Uni<List<PaymentAttempt>> settle(
      List<Prepared> prepared, Iterator<Optional<PaymentResult>> booked) {
    List<Uni<PaymentAttempt>> attempts = new ArrayList<>(prepared.size());
    for (Prepared payment : prepared) {
      Uni<PaymentResult> result;
      if (payment.charge() == null) {
        result = Uni.createFrom().failure(payment.failure());
      } else {
        Optional<PaymentResult> batched = booked.next();
        result =
            batched.isPresent()
                ? Uni.createFrom().item(batched.get()).invoke(() -> bookedInBatch.increment())
                : payments
                    .charge(pool, payment.charge(), holdingSeconds())
                    .invoke(() -> bookedAlone.increment());
      }
      attempts.add(
          result
              .map(
                  paidNow -> {
                    paid.increment();
                    return new PaymentOutcome(paidNow, true);
                  })
              .onFailure()
              .recoverWithUni(
                  failure ->
                      afterFailure(
                          payment.request(), payment.currency(), payment.priced(), failure))
              .map(outcome -> new PaymentAttempt(outcome, null))
              .onFailure()
              .recoverWithItem(failure -> new PaymentAttempt(null, failure)));
    }
    return Uni.join().all(attempts).andFailFast();
  }

  private long holdingSeconds() {
    return config.holdingWindow().toSeconds();
  }

  /**
   * A failed charge may hide a payment made before for the same order (the retry of a call whose
   * answer was lost): that one is answered again. Otherwise a short wallet is a 422.
   */
  private Uni<PaymentOutcome> afterFailure(
      PaymentRequest request, String currency, Priced priced, Throwable failure) {
    boolean shortBalance =
        LedgerFailures.isShortBalance(failure)
            || failure instanceof ProblemException problem
                && "insufficient-funds".equals(problem.slug());
    if (!shortBalance && !DatabaseErrors.isUniqueViolation(failure)) {
      return Uni.createFrom().failure(failure);
    }
    return payments
        .find(pool, request.orderId())
        .map(
            existing -> {
              if (existing == null) {
                if (shortBalance) {
                  refused.increment();
                  throw insufficientFunds(priced);
                }
                throw ProblemException.conflict(
                    "payment-in-progress", "Order " + request.orderId() + " is being paid");
              }
              if (!existing.sameOrder(request, currency)) {
                throw ProblemException.conflict(
                    "payment-mismatch",
                    "Order "
                        + request.orderId()
                        + " was paid with different details; an order is paid once");
              }
              return new PaymentOutcome(existing.firstResult(), false);
            });
  }

  private static ProblemException insufficientFunds(Priced priced) {
    return new ProblemException(
        422,
        "insufficient-funds",
        "Insufficient funds",
        "The wallet balance does not cover " + priced.amount() + " " + priced.currency(),
        Map.of("amount", priced.amount(), "currency", priced.currency()));
  }
}
