package io.flotilla.inventory.order;

import io.flotilla.inventory.AdminActor;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Orders: shop bots buy through it, admins refund through it (via the gateway). */
@Path("/internal/orders")
@Tag(name = "orders")
public class OrderResource {

  /** Names one purchase attempt; a repeated request with the same key gets the same order. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final OrderService orders;
  private final OrderSettlement settlement;

  public OrderResource(OrderService orders, OrderSettlement settlement) {
    this.orders = orders;
    this.settlement = settlement;
  }

  /**
   * 201 with the delivered order; 200 with the same order when the key was used before; 202 with
   * the reserved order when the ledger's answer is not known yet.
   */
  @POST
  public Uni<Response> place(
      @HeaderParam(IDEMPOTENCY_KEY) @NotBlank @Size(max = 200) String idempotencyKey,
      @Valid @NotNull PlaceOrderRequest request) {
    return orders
        .place(request, idempotencyKey)
        .map(
            placed ->
                Response.status(
                        switch (placed.outcome()) {
                          case CREATED -> Response.Status.CREATED;
                          case REPLAYED -> Response.Status.OK;
                          case PENDING -> Response.Status.ACCEPTED;
                        })
                    .entity(placed.order())
                    .build());
  }

  @GET
  @Path("/{orderId}")
  public Uni<OrderView> find(@PathParam("orderId") UUID orderId) {
    return settlement.find(orderId);
  }

  /** A tenant's orders, or one customer's orders in that tenant, newest first. */
  @GET
  public Uni<OrderPage> list(
      @QueryParam("tenant_id") @NotBlank String tenantId,
      @QueryParam("customer_id") Long customerId,
      @QueryParam("page") @DefaultValue("1") @Min(1) int page,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
    return orders.list(tenantId, customerId, page, limit);
  }

  @POST
  @Path("/{orderId}/refund")
  public Uni<OrderView> refund(
      @PathParam("orderId") UUID orderId,
      @Valid @NotNull RefundRequest request,
      @HeaderParam(AdminActor.HEADER) String adminId) {
    return settlement.refund(orderId, request.reason().strip(), AdminActor.of(adminId));
  }

  @POST
  @Path("/{orderId}/items/defective")
  public Uni<OrderView> defective(
      @PathParam("orderId") UUID orderId, @Valid @NotNull DefectiveItemsRequest request) {
    return settlement.retireDefective(orderId, request.itemIds());
  }
}
