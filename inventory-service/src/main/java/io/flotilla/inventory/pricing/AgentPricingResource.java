package io.flotilla.inventory.pricing;

import io.flotilla.inventory.order.OrderTermsCache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agents' pricing: the general markup and bounds come from tenant events; per-product markups are
 * set here (by the agent through its bot, or by an admin).
 */
@Path("/internal/agents/{agentId}")
@Tag(name = "pricing")
public class AgentPricingResource {

  private final PricingService pricing;
  private final OrderTermsCache orderTerms;

  public AgentPricingResource(PricingService pricing, OrderTermsCache orderTerms) {
    this.pricing = pricing;
    this.orderTerms = orderTerms;
  }

  @GET
  @Path("/pricing")
  public Uni<AgentPricingView> pricing(@PathParam("agentId") String agentId) {
    return pricing.pricing(agentId);
  }

  @PUT
  @Path("/prices/{productId}")
  public Uni<OverrideView> setOverride(
      @PathParam("agentId") String agentId,
      @PathParam("productId") UUID productId,
      @Valid @NotNull OverrideRequest request) {
    // Orders see the change once it has committed, which is when the service's Uni completes.
    return pricing.setOverride(agentId, productId, request.markup()).invoke(orderTerms::forget);
  }

  @DELETE
  @Path("/prices/{productId}")
  public Uni<Void> removeOverride(
      @PathParam("agentId") String agentId, @PathParam("productId") UUID productId) {
    return pricing.removeOverride(agentId, productId).invoke(orderTerms::forget);
  }
}
