package io.flotilla.gateway.inventory;

import static io.flotilla.gateway.forward.AdminCall.segment;
import static io.flotilla.gateway.forward.InternalForwarder.Service.INVENTORY;

import io.flotilla.gateway.forward.AdminCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins look after the shared catalog, stock, orders, refunds and agent prices. */
@Path("/api/admin")
@RolesAllowed("admin")
@Tag(name = "inventory")
@Produces(MediaType.APPLICATION_JSON)
public class AdminInventoryResource {

  private final AdminCall call;

  public AdminInventoryResource(AdminCall call) {
    this.call = call;
  }

  @GET
  @Path("/categories")
  public Uni<Response> categories() {
    return call.get(INVENTORY, "/internal/categories");
  }

  @POST
  @Path("/categories")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> createCategory(byte[] body) {
    return call.send(INVENTORY, HttpMethod.POST, "/internal/categories", body);
  }

  @PUT
  @Path("/categories/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> changeCategory(@PathParam("id") String id, byte[] body) {
    return call.send(INVENTORY, HttpMethod.PUT, "/internal/categories/" + segment("id", id), body);
  }

  @GET
  @Path("/products")
  public Uni<Response> products() {
    return call.get(INVENTORY, "/internal/products");
  }

  @GET
  @Path("/products/low-stock")
  public Uni<Response> lowStock() {
    return call.get(INVENTORY, "/internal/products/low-stock");
  }

  @POST
  @Path("/products")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a product: names and descriptions (en, zh), base price, kind")
  public Uni<Response> createProduct(byte[] body) {
    return call.send(INVENTORY, HttpMethod.POST, "/internal/products", body);
  }

  @GET
  @Path("/products/{id}")
  public Uni<Response> product(@PathParam("id") String id) {
    return call.get(INVENTORY, "/internal/products/" + segment("id", id));
  }

  @PATCH
  @Path("/products/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> changeProduct(@PathParam("id") String id, byte[] body) {
    return call.send(INVENTORY, HttpMethod.PATCH, "/internal/products/" + segment("id", id), body);
  }

  @POST
  @Path("/products/{id}/stock/import")
  @Consumes({MediaType.TEXT_PLAIN, "text/csv"})
  @Operation(summary = "Import unique items, one per line; duplicates reported by line")
  public Uni<Response> importStock(@PathParam("id") String id, byte[] body) {
    return call.send(
        INVENTORY,
        HttpMethod.POST,
        "/internal/products/" + segment("id", id) + "/stock/import",
        body);
  }

  @POST
  @Path("/products/{id}/stock/adjust")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> adjustStock(@PathParam("id") String id, byte[] body) {
    return call.send(
        INVENTORY,
        HttpMethod.POST,
        "/internal/products/" + segment("id", id) + "/stock/adjust",
        body);
  }

  @GET
  @Path("/catalog")
  @Operation(summary = "Products with availability at a tenant's prices (tenant_id)")
  public Uni<Response> catalog() {
    return call.get(INVENTORY, "/internal/catalog");
  }

  @GET
  @Path("/orders")
  @Operation(summary = "Orders per tenant and customer (tenant_id, customer_id, page, limit)")
  public Uni<Response> orders() {
    return call.get(INVENTORY, "/internal/orders");
  }

  @GET
  @Path("/orders/{id}")
  public Uni<Response> order(@PathParam("id") String id) {
    return call.get(INVENTORY, "/internal/orders/" + segment("id", id));
  }

  @POST
  @Path("/orders/{id}/refund")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Refund a paid order, once")
  public Uni<Response> refund(@PathParam("id") String id, byte[] body) {
    return call.send(
        INVENTORY, HttpMethod.POST, "/internal/orders/" + segment("id", id) + "/refund", body);
  }

  @POST
  @Path("/orders/{id}/items/defective")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Retire delivered items as defective; they are never resold")
  public Uni<Response> defective(@PathParam("id") String id, byte[] body) {
    return call.send(
        INVENTORY,
        HttpMethod.POST,
        "/internal/orders/" + segment("id", id) + "/items/defective",
        body);
  }

  @GET
  @Path("/sales/agents")
  public Uni<Response> salesPerAgent() {
    return call.get(INVENTORY, "/internal/sales/agents");
  }

  @GET
  @Path("/agents/{agentId}/pricing")
  public Uni<Response> agentPricing(@PathParam("agentId") String agentId) {
    return call.get(INVENTORY, "/internal/agents/" + segment("agent_id", agentId) + "/pricing");
  }

  @PUT
  @Path("/agents/{agentId}/prices/{productId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Override an agent's markup for one product")
  public Uni<Response> overridePrice(
      @PathParam("agentId") String agentId, @PathParam("productId") String productId, byte[] body) {
    return call.send(
        INVENTORY,
        HttpMethod.PUT,
        "/internal/agents/"
            + segment("agent_id", agentId)
            + "/prices/"
            + segment("product_id", productId),
        body);
  }

  @DELETE
  @Path("/agents/{agentId}/prices/{productId}")
  public Uni<Response> removePriceOverride(
      @PathParam("agentId") String agentId, @PathParam("productId") String productId) {
    return call.send(
        INVENTORY,
        HttpMethod.DELETE,
        "/internal/agents/"
            + segment("agent_id", agentId)
            + "/prices/"
            + segment("product_id", productId),
        null);
  }
}
