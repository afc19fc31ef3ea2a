package io.flotilla.credential.claim;

import io.flotilla.credential.agent.AgentView;
import io.flotilla.credential.api.AdminId;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Claim links that make their user an owner of an agent: made by admins, redeemed in the bot. */
@Path("/internal/agents")
@Tag(name = "agents")
public class ClaimResource {

  private final ClaimService claims;

  public ClaimResource(ClaimService claims) {
    this.claims = claims;
  }

  @POST
  @Path("/{agentId}/claims")
  @Operation(
      summary = "Admin: make a one-time link that makes its user an owner of the agent",
      description =
          "The code is shown only in this answer; start_payload is the /start parameter of the"
              + " agent bot's deep link.")
  public Uni<Response> create(
      @PathParam("agentId") String agentId, @HeaderParam(AdminId.HEADER) String adminId) {
    return claims
        .create(agentId, AdminId.require(adminId))
        .map(claim -> Response.status(Response.Status.CREATED).entity(claim).build());
  }

  @POST
  @Path("/claims/redeem")
  @Operation(
      summary =
          "Fleet: a Telegram user redeems a claim link in the agent's bot (AgentOwnersChanged)",
      description =
          "Audited as tg:<telegram_user_id>. Used: 409; expired: 410; another agent's: 404.")
  public Uni<AgentView> redeem(@Valid @NotNull RedeemClaimRequest request) {
    return claims.redeem(request);
  }
}
