package io.flotilla.inventory.ledger;

import io.flotilla.inventory.InventoryConfig;
import io.flotilla.platform.batch.BatchLane;
import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.problem.RemoteProblemMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Pays orders through the ledger and reads the verdict carefully: only an explicit refusal (400 or
 * 422, which the ledger answers without booking anything) counts as "not paid". Everything else
 * that is not a payment — timeouts, 5xx, an unreachable ledger, a 409 mismatch — leaves the outcome
 * unknown, because the payment may have been booked.
 *
 * <p>Orders reserved while earlier payment calls are in flight are paid together by one call of the
 * ledger's batch route, each answered as its own call would be. A ledger that does not take the
 * batch as a whole (an older one without the route, or a 4xx for the batch) is asked for each
 * payment alone; a batch call that fails or goes unanswered leaves each of its orders unknown, as a
 * single call would.
 */
@ApplicationScoped
public class Ledger {

  private static final Logger LOG = Logger.getLogger(Ledger.class);

  private final LedgerClient client;
  private final BatchLane<PaymentRequest, PaymentOutcome> payments;

  public Ledger(@RestClient LedgerClient client, InventoryConfig config) {
    this.client = client;
    this.payments =
        new BatchLane<>(
            config.orders().maxPaymentBatch(),
            config.orders().paymentBatchesInFlight(),
            this::payTogether);
  }

  public Uni<PaymentOutcome> pay(PaymentRequest request) {
    return payments.submit(request);
  }

  private Uni<List<PaymentOutcome>> payTogether(List<PaymentRequest> requests) {
    return client
        .payAll(new PaymentBatch(requests))
        .map(answer -> outcomes(requests, answer))
        .onFailure()
        .recoverWithUni(failure -> afterBatchFailure(requests, failure));
  }

  private static List<PaymentOutcome> outcomes(
      List<PaymentRequest> requests, PaymentBatchAnswer answer) {
    List<PaymentBatchAnswer.Item> items = answer.results();
    if (items == null || items.size() != requests.size()) {
      throw new IllegalStateException(
          "The ledger answered a batch of "
              + requests.size()
              + " payments with "
              + (items == null ? "no" : items.size())
              + " results");
    }
    List<PaymentOutcome> outcomes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      UUID orderId = requests.get(i).orderId();
      PaymentBatchAnswer.Item item = items.get(i);
      if (!orderId.equals(item.orderId())) {
        throw new IllegalStateException(
            "The ledger answered payment " + i + " for order " + item.orderId());
      }
      outcomes.add(outcome(orderId, item));
    }
    return outcomes;
  }

  private static PaymentOutcome outcome(UUID orderId, PaymentBatchAnswer.Item item) {
    if ((item.status() == 200 || item.status() == 201) && item.payment() != null) {
      return new PaymentOutcome.Paid(item.payment());
    }
    return classify(orderId, RemoteProblemMapper.fromBody(item.status(), item.problem()), false);
  }

  private Uni<List<PaymentOutcome>> afterBatchFailure(
      List<PaymentRequest> requests, Throwable failure) {
    if (failure instanceof ProblemException problem
        && problem.status() >= 400
        && problem.status() < 500) {
      LOG.warnf(
          "The ledger did not take a batch of %d payments (%d %s); each is paid alone",
          requests.size(), problem.status(), problem.slug());
      return Uni.join().all(requests.stream().map(this::payAlone).toList()).andFailFast();
    }
    LOG.warnf(
        "A batch of %d payments failed (%s); their outcomes are unknown until the ledger is asked",
        requests.size(), failure.toString());
    PaymentOutcome unknown =
        new PaymentOutcome.Unknown(
            failure instanceof ProblemException problem
                ? problem.slug()
                : failure.getClass().getSimpleName());
    return Uni.createFrom().item(Collections.nCopies(requests.size(), unknown));
  }

  private Uni<PaymentOutcome> payAlone(PaymentRequest request) {
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
