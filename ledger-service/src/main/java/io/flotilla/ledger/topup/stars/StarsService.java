package io.flotilla.ledger.topup.stars;

import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.topup.TopUp;
import io.flotilla.ledger.topup.TopUpService;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Top-ups paid in Telegram Stars. An invoice is a pending top-up priced at today's rate when it is
 * made, so the customer sees what they will get. Expiry is checked only at Telegram's pre-checkout:
 * once Telegram has taken the Stars, the payment is credited whenever it arrives, once per {@code
 * telegram_payment_charge_id}, through the Stars cash-in account.
 */
@ApplicationScoped
public class StarsService {

  /** Who confirmed a Stars top-up, in its {@code confirmed_by}. */
  static final String TELEGRAM = "telegram";

  private final TopUpService topUps;
  private final StarsRate rate;
  private final Clock clock;

  public StarsService(TopUpService topUps, StarsRate rate, Clock clock) {
    this.topUps = topUps;
    this.rate = rate;
    this.clock = clock;
  }

  public StarsTerms terms() {
    return rate.terms();
  }

  /**
   * @throws ProblemException 422 {@code stars-out-of-range} outside the operator's limits
   */
  public Uni<TopUp> invoice(StarsInvoiceRequest request) {
    long stars = request.stars();
    StarsTerms terms = rate.terms();
    if (!rate.allows(stars)) {
      throw new ProblemException(
          422,
          "stars-out-of-range",
          "Unprocessable request",
          "An invoice asks for " + terms.minStars() + " to " + terms.maxStars() + " Stars",
          Map.of("min_stars", terms.minStars(), "max_stars", terms.maxStars()));
    }
    long amount = rate.amountFor(stars);
    return topUps.open(
        (reference, now) ->
            new TopUp(
                UUID.randomUUID(),
                reference,
                request.tenantId(),
                request.customerId(),
                amount,
                terms.currency(),
                TopUp.STARS,
                stars,
                TopUp.PENDING,
                null,
                null,
                now,
                now.plus(rate.invoiceValidity()),
                null));
  }

  /**
   * Whether Telegram may take the Stars: the invoice is this customer's, for these Stars, not paid
   * yet and not expired. Reads only; answers the invoice when it may.
   *
   * @throws ProblemException 404 no such Stars top-up, 422 {@code invoice-mismatch}, 409 {@code
   *     top-up-already-credited}, 410 {@code invoice-expired}
   */
  public Uni<TopUp> preCheckout(UUID id, PreCheckoutRequest request) {
    return topUps
        .find(id)
        .map(
            found -> {
              TopUp invoice = matching(found, request.customerId(), request.stars());
              if (invoice.credited()) {
                throw ProblemException.conflict(
                    "top-up-already-credited",
                    "Stars invoice " + invoice.reference() + " was paid already");
              }
              if (LedgerTime.now(clock).isAfter(invoice.expiresAt())) {
                throw new ProblemException(
                    410,
                    "invoice-expired",
                    "Gone",
                    "Stars invoice " + invoice.reference() + " expired; ask for a new one",
                    Map.of("expires_at", invoice.expiresAt().toString()));
              }
              return invoice;
            });
  }

  /**
   * Credits the Stars Telegram took, once per charge id, even after the invoice expired (it was
   * accepted at pre-checkout in time).
   *
   * @throws ProblemException 404 no such Stars top-up, 422 {@code invoice-mismatch}, 409 {@code
   *     provider-transaction-reused} (the charge credited another top-up) or {@code
   *     top-up-already-credited} (another charge credited this one)
   */
  public Uni<TopUp> pay(UUID id, StarsPaymentRequest payment) {
    return topUps
        .find(id)
        .chain(
            found ->
                topUps.credit(
                    matching(found, payment.customerId(), payment.stars()),
                    payment.telegramPaymentChargeId(),
                    TELEGRAM));
  }

  private static TopUp matching(TopUp topUp, long customerId, long stars) {
    if (!topUp.paidInStars()) {
      throw ProblemException.notFound("No Stars top-up " + topUp.topUpId());
    }
    if (topUp.customerId() != customerId || topUp.stars() != stars) {
      throw ProblemException.unprocessable(
          "invoice-mismatch",
          "Stars invoice "
              + topUp.reference()
              + " is for another customer or another number of Stars");
    }
    return topUp;
  }
}
