package io.flotilla.ledger.topup;

import io.flotilla.contracts.events.TopUpCredited;
import io.flotilla.ledger.Currencies;
import io.flotilla.ledger.LedgerConfig;
import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.book.Account;
import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.Accounts;
import io.flotilla.ledger.book.BalanceRow;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Customer top-ups: a request gets a unique reference; the platform's payment channel confirms it
 * (an admin, or the provider's signed callback) and the wallet is credited once, with {@code
 * TopUpCredited} in the same transaction. A provider transaction id (or Telegram charge id) credits
 * at most one top-up. Stars invoices are made and paid through {@code topup.stars}.
 */
@ApplicationScoped
public class TopUpService {

  /** Crockford's base 32: no I, L, O or U to misread when a customer types the reference. */
  private static final char[] REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private static final int REFERENCE_ATTEMPTS = 3;

  private final SecureRandom random = new SecureRandom();
  private final Pool pool;
  private final TopUpRepository topUps;
  private final Accounts accounts;
  private final Journal journal;
  private final SqlOutbox outbox;
  private final LedgerConfig config;
  private final Clock clock;

  public TopUpService(
      Pool pool,
      TopUpRepository topUps,
      Accounts accounts,
      Journal journal,
      SqlOutbox outbox,
      LedgerConfig config,
      Clock clock) {
    this.pool = pool;
    this.topUps = topUps;
    this.accounts = accounts;
    this.journal = journal;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  /** A top-up through the central payment channel, pending until it is confirmed. */
  public Uni<TopUp> request(TopUpRequest request) {
    if (request.amount() > config.maxTopUpAmount()) {
      return Uni.createFrom()
          .failure(
              new ProblemException(
                  422,
                  "amount-too-large",
                  "Unprocessable request",
                  "amount: at most " + config.maxTopUpAmount() + " minor units",
                  Map.of("field", "amount", "max_amount", config.maxTopUpAmount())));
    }
    String currency = Currencies.orDefault(request.currency(), config);
    return open(
        (reference, now) ->
            new TopUp(
                UUID.randomUUID(),
                reference,
                request.tenantId(),
                request.customerId(),
                request.amount(),
                currency,
                TopUp.CENTRAL,
                null,
                TopUp.PENDING,
                null,
                null,
                now,
                null,
                null));
  }

  /**
   * Writes a new pending top-up, built from a fresh reference and the time; a reference that is
   * taken already is drawn again.
   */
  public Uni<TopUp> open(BiFunction<String, Instant, TopUp> build) {
    return Uni.createFrom()
        .deferred(
            () -> {
              TopUp topUp = build.apply(newReference(), LedgerTime.now(clock));
              return topUps.insert(pool, topUp).replaceWith(topUp);
            })
        .onFailure(DatabaseErrors::isUniqueViolation)
        .retry()
        .atMost(REFERENCE_ATTEMPTS - 1);
  }

  public Uni<TopUp> find(UUID id) {
    return topUps.find(pool, id).map(found -> existing(found, id.toString()));
  }

  public Uni<List<TopUp>> list(
      String status, String method, String tenantId, Long customerId, int page, int limit) {
    return topUps.list(pool, status, method, tenantId, customerId, page * limit, limit);
  }

  /** An admin confirms; confirming a credited top-up again answers it unchanged. */
  public Uni<TopUp> confirm(UUID id, String adminId, String providerTransactionId) {
    return topUps
        .find(pool, id)
        .chain(found -> credit(existing(found, id.toString()), providerTransactionId, adminId));
  }

  /**
   * The provider's callback, already verified: credits the top-up it names, once per provider
   * transaction id; a repeated callback answers the credited top-up.
   */
  public Uni<TopUp> callback(ProviderCallback callback) {
    return topUps
        .findByReference(pool, callback.reference())
        .chain(
            found -> {
              TopUp topUp = existing(found, callback.reference());
              if (topUp.paidInStars()) {
                throw ProblemException.unprocessable(
                    "wrong-payment-channel",
                    "Top-up " + topUp.reference() + " is paid in Telegram Stars");
              }
              if (topUp.amount() != callback.amount()
                  || !topUp.currency().equals(callback.currency())) {
                throw ProblemException.unprocessable(
                    "amount-mismatch",
                    "Top-up "
                        + topUp.reference()
                        + " is for "
                        + topUp.amount()
                        + " "
                        + topUp.currency());
              }
              return credit(topUp, callback.providerTransactionId(), "provider");
            });
  }

  /**
   * Credits a top-up once, with {@code TopUpCredited} in the same transaction, its money coming in
   * through its source's account. A top-up credited before by the same transaction (or confirmed
   * again without one) is answered as it is; credits nothing, even when requests race.
   *
   * @throws ProblemException 409 {@code top-up-already-credited} when another transaction credited
   *     it, 409 {@code provider-transaction-reused} when the transaction credited another top-up
   */
  public Uni<TopUp> credit(TopUp topUp, String providerTransactionId, String confirmedBy) {
    if (topUp.credited()) {
      return Uni.createFrom().item(alreadyCredited(topUp, providerTransactionId));
    }
    return accounts
        .open(
            List.of(
                AccountKey.wallet(topUp.tenantId(), topUp.customerId(), topUp.currency()),
                AccountKey.platform(topUp.cashIn(), topUp.currency())))
        .chain(
            opened ->
                pool.withTransaction(
                    connection ->
                        topUps
                            .lock(connection, topUp.topUpId())
                            .chain(
                                locked -> {
                                  if (locked.credited()) {
                                    return Uni.createFrom()
                                        .item(alreadyCredited(locked, providerTransactionId));
                                  }
                                  Instant now = LedgerTime.now(clock);
                                  return journal
                                      .lock(connection, List.of(BalanceRow.of(opened.get(0))))
                                      .chain(() -> post(connection, locked, opened, now))
                                      .chain(
                                          transferId ->
                                              topUps.markCredited(
                                                  connection,
                                                  locked.topUpId(),
                                                  providerTransactionId,
                                                  confirmedBy,
                                                  transferId,
                                                  now))
                                      .chain(
                                          () ->
                                              outbox.publish(
                                                  connection,
                                                  new TopUpCredited(
                                                      locked.tenantId(),
                                                      locked.topUpId().toString(),
                                                      locked.customerId(),
                                                      locked.amount(),
                                                      locked.currency(),
                                                      providerTransactionId,
                                                      now,
                                                      locked.method())))
                                      .chain(() -> topUps.find(connection, locked.topUpId()));
                                })))
        .onFailure(
            failure ->
                DatabaseErrors.violatedUniqueConstraint(failure)
                    .filter(name -> name.contains("provider_transaction_id"))
                    .isPresent())
        .transform(
            failure ->
                ProblemException.conflict(
                    "provider-transaction-reused",
                    "Provider transaction "
                        + providerTransactionId
                        + " already credited another top-up"))
        .onFailure(LedgerFailures::isOverflow)
        .transform(
            failure ->
                ProblemException.unprocessable(
                    "balance-overflow", "The top-up would take a balance beyond its limit"));
  }

  private Uni<Long> post(SqlConnection connection, TopUp topUp, List<Account> opened, Instant now) {
    Account wallet = opened.get(0);
    Account cashIn = opened.get(1);
    String reference = topUp.topUpId().toString();
    return journal.post(
        connection,
        now,
        new TransferDraft(
            TransferKind.TOP_UP,
            reference,
            topUp.currency(),
            List.of(
                Leg.spread(cashIn, reference, -topUp.amount()), Leg.of(wallet, topUp.amount()))));
  }

  /** Credited before: the same confirmation again is answered; a different transaction is not. */
  private static TopUp alreadyCredited(TopUp topUp, String providerTransactionId) {
    if (providerTransactionId != null
        && !providerTransactionId.equals(topUp.providerTransactionId())) {
      throw ProblemException.conflict(
          "top-up-already-credited",
          "Top-up " + topUp.reference() + " was already credited by another transaction");
    }
    return topUp;
  }

  private static TopUp existing(TopUp found, String key) {
    if (found == null) {
      throw ProblemException.notFound("No top-up " + key);
    }
    return found;
  }

  private String newReference() {
    char[] reference = new char[12];
    reference[0] = 'T';
    reference[1] = 'U';
    for (int i = 2; i < reference.length; i++) {
      reference[i] = REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)];
    }
    return new String(reference);
  }
}
