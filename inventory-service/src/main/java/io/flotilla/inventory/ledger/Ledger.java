package io.flotilla.inventory.ledger;

import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Pays orders through the ledger and reads the verdict carefully: only an explicit refusal (400 or
 * 422, which the ledger answers without booking anything) counts as "not paid". Everything else
 * that is not a payment — timeouts, 5xx, an unreachable ledger, a 409 mismatch — leaves the outcome
 * unknown, because the payment may have been booked.
 */
@ApplicationScoped
public class Ledger {

  private static final Logger LOG = Logger.getLogger(Ledger.class);

  private final LedgerClient client;

  public Ledger(@RestClient LedgerClient client) {
    this.client = client;
  }

  public Uni<PaymentOutcome> pay(PaymentRequest request) {
    return client
        .pay(request)
        .<PaymentOutcome>map(PaymentOutcome.Paid::new)
        .onFailure()
        .recoverWithItem(failure -> classify(request.orderId(), failure, false));
  }

  /** Asks whether an order was paid: Paid, Refused (the ledger's 404: never paid) or Unknown. */
  public Uni<PaymentOutcome> paymentOf(UUID orderId) {
    return client
        .payment(orderId)
        .<PaymentOutcome>map(PaymentOutcome.Paid::new)
        .onFailure()
        .recoverWithItem(failure -> classify(orderId, failure, true));
  }

  /**
   * A 404 settles a lookup only when it is the ledger's own answer about the payment. A 404 for a
   * missing route (a platform service answers {@code http-404}, anything else has no problem type)
   * says nothing about the payment, and treating it as "never paid" could release paid stock.
   */
  private static boolean neverPaid(ProblemException problem) {
    return problem.status() == 404 && !"http-404".equals(problem.slug());
  }

  private static PaymentOutcome classify(UUID orderId, Throwable failure, boolean lookup) {
    if (failure instanceof ProblemException problem) {
      int status = problem.status();
      boolean settled = lookup ? neverPaid(problem) : status == 400 || status == 422;
      if (settled) {
        return new PaymentOutcome.Refused(problem);
      }
      LOG.warnf(
          "Ledger answered %d %s for order %s; payment outcome unknown",
          status, problem.slug(), orderId);
      return new PaymentOutcome.Unknown(problem.slug());
    }
    LOG.warnf(
        "Ledger unreachable for order %s (%s); payment outcome unknown",
        orderId, failure.getClass().getSimpleName());
    return new PaymentOutcome.Unknown(failure.getClass().getSimpleName());
  }
}
