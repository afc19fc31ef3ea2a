package io.flotilla.inventory.ledger;

import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The ledger service's payment API, idempotent by order id. */
@Path("/internal/payments")
@RegisterRestClient(configKey = "ledger")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface LedgerClient {

  /** Pays an order from the customer's wallet: 201 first time, 200 with the same result again. */
  @POST
  Uni<Payment> pay(PaymentRequest request);

  /** Pays several orders, each as its own call would: one answer per payment, in their order. */
  @POST
  @Path("/batch")
  Uni<PaymentBatchAnswer> payAll(PaymentBatch batch);

  /** The payment of an order; 404 when it was never paid. */
  @GET
  @Path("/{orderId}")
  Uni<Payment> payment(@PathParam("orderId") UUID orderId);
}
