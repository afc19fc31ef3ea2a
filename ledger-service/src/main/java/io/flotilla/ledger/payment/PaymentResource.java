package io.flotilla.ledger.payment;

import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.problem.ProblemMapper;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Order payments; inventory-service calls it while it places an order. */
@Path("/internal/payments")
@Tag(name = "payments")
public class PaymentResource {

  private final PaymentService payments;

  public PaymentResource(PaymentService payments) {
    this.payments = payments;
  }

  /** 201 with the payment; 200 with the first result when the order was paid before. */
  @POST
  public Uni<Response> pay(@Valid @NotNull PaymentRequest request) {
    return payments
        .pay(request)
        .map(
            outcome ->
                Response.status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(outcome.result())
                    .build());
  }

  /**
   * Pays several orders in one call: 200 with one answer per payment, in their order, each with the
   * status and body its own call would have had. A batch that is not valid as a whole is a 400 and
   * pays nothing.
   */
  @POST
  @Path("/batch")
  public Uni<PaymentBatchAnswer> payAll(@Valid @NotNull PaymentBatchRequest batch) {
    List<PaymentRequest> requests = batch.payments();
    return payments
        .payAll(requests)
        .map(
            attempts -> {
              List<PaymentBatchItem> results = new ArrayList<>(attempts.size());
              for (int i = 0; i < attempts.size(); i++) {
                results.add(item(requests.get(i).orderId(), attempts.get(i)));
              }
              return new PaymentBatchAnswer(results);
            });
  }

  @GET
  @Path("/{orderId}")
  public Uni<PaymentView> find(@PathParam("orderId") String orderId) {
    return payments.find(orderId);
  }

  private static PaymentBatchItem item(String orderId, PaymentAttempt attempt) {
    if (attempt.failure() == null) {
      PaymentOutcome outcome = attempt.outcome();
      return new PaymentBatchItem(orderId, outcome.created() ? 201 : 200, outcome.result(), null);
    }
    ProblemException problem = ProblemMapper.asProblem(attempt.failure());
    return new PaymentBatchItem(orderId, problem.status(), null, ProblemMapper.body(problem));
  }
}
