package io.flotilla.ledger.payment;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
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

  @GET
  @Path("/{orderId}")
  public Uni<PaymentView> find(@PathParam("orderId") String orderId) {
    return payments.find(orderId);
  }
}
