package io.flotilla.ledger.topup.stars;

import io.flotilla.ledger.topup.TopUp;
import io.flotilla.ledger.topup.TopUpResource;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Telegram Stars top-ups, for shop bots: the terms, an invoice, the pre-checkout check (answered
 * within Telegram's 10 s from one read), and the payment.
 */
@Path("/internal/top-ups")
@Tag(name = "top-ups")
public class StarsResource {

  private final StarsService stars;

  public StarsResource(StarsService stars) {
    this.stars = stars;
  }

  @GET
  @Path("/stars/terms")
  @NonBlocking
  public StarsTerms terms() {
    return stars.terms();
  }

  @POST
  @Path("/stars")
  public Uni<Response> invoice(@Valid @NotNull StarsInvoiceRequest request) {
    return stars
        .invoice(request)
        .map(topUp -> Response.status(Response.Status.CREATED).entity(topUp).build());
  }

  @POST
  @Path("/{id}/pre-checkout")
  public Uni<TopUp> preCheckout(
      @PathParam("id") String id, @Valid @NotNull PreCheckoutRequest request) {
    return stars.preCheckout(TopUpResource.parseId(id), request);
  }

  @POST
  @Path("/{id}/stars-payment")
  public Uni<TopUp> pay(@PathParam("id") String id, @Valid @NotNull StarsPaymentRequest payment) {
    return stars.pay(TopUpResource.parseId(id), payment);
  }
}
