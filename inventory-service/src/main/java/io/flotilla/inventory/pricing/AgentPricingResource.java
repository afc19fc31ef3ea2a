package io.flotilla.inventory.pricing;

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

  public AgentPricingResource(PricingService pricing) {
    this.pricing = pricing;
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
    return pricing.setOverride(agentId, productId, request.markup());
  }

  @DELETE
  @Path("/prices/{productId}")
  public Uni<Void> removeOverride(
      @PathParam("agentId") String agentId, @PathParam("productId") UUID productId) {
    return pricing.removeOverride(agentId, productId);
  }
}
