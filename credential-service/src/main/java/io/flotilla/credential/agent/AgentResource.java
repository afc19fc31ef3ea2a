package io.flotilla.credential.agent;

import io.flotilla.credential.api.AdminId;
import io.flotilla.credential.api.Filters;
import io.flotilla.credential.api.Page;
import io.flotilla.credential.bot.BotTokenVerifier;
import io.flotilla.credential.bot.StatusChange;
import io.flotilla.credential.tenant.TenantStatus;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Internal API for agents; the gateway and the master bot call it on an admin's behalf. */
@Path("/internal/agents")
@Tag(name = "agents")
public class AgentResource {

  private final AgentService agents;
  private final BotTokenVerifier verifier;

  public AgentResource(AgentService agents, BotTokenVerifier verifier) {
    this.agents = agents;
    this.verifier = verifier;
  }

  @POST
  @Operation(summary = "Admin: create an agent with its clone bot, active at once (AgentCreated)")
  public Uni<Response> create(
      @Valid @NotNull CreateAgentRequest request, @HeaderParam(AdminId.HEADER) String adminId) {
    String admin = AdminId.require(adminId);
    return verifier
        .verify(request.botToken(), "bot_token")
        .chain(token -> agents.create(request, token, admin))
        .map(agent -> Response.status(Response.Status.CREATED).entity(agent).build());
  }

  @GET
  @Operation(summary = "Admin: list agents, newest first")
  public Uni<Page<AgentView>> list(
      @QueryParam("status") String status,
      @QueryParam("page") @DefaultValue("1") @Min(1) @Max(100_000) int page,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
    return agents.list(Filters.enumFilter("status", status, TenantStatus.class), page, limit);
  }

  @GET
  @Path("/{agentId}")
  @Operation(summary = "An agent with its pricing bounds, payout details and bot")
  public Uni<AgentView> find(@PathParam("agentId") String agentId) {
    return agents.find(agentId);
  }

  @POST
  @Path("/{agentId}/pause")
  @Operation(summary = "Admin: pause an agent; its bot stops serving (AgentPaused)")
  public Uni<AgentView> pause(
      @PathParam("agentId") String agentId,
      @HeaderParam(AdminId.HEADER) String adminId,
      @Valid @NotNull StatusChange change) {
    return agents.pause(agentId, change.reason(), AdminId.require(adminId));
  }

  @POST
  @Path("/{agentId}/resume")
  @Operation(summary = "Admin: resume a paused agent (AgentResumed)")
  public Uni<AgentView> resume(
      @PathParam("agentId") String agentId, @HeaderParam(AdminId.HEADER) String adminId) {
    return agents.resume(agentId, AdminId.require(adminId));
  }

  @PUT
  @Path("/{agentId}/pricing")
  @Operation(summary = "Admin: set an agent's markup and its bounds (AgentPricingChanged)")
  public Uni<AgentView> pricing(
      @PathParam("agentId") String agentId,
      @HeaderParam(AdminId.HEADER) String adminId,
      @Valid @NotNull PricingChange change) {
    return agents.changePricing(agentId, change, AdminId.require(adminId));
  }

  @PUT
  @Path("/{agentId}/markup")
  @Operation(
      summary = "Agent: set their own markup within the admin's bounds (AgentPricingChanged)",
      description = "Called by the fleet for an agent's /pricing command; audited as agent:<id>.")
  public Uni<AgentView> markup(
      @PathParam("agentId") String agentId, @Valid @NotNull MarkupChange change) {
    return agents.changeOwnMarkup(agentId, change.markup());
  }

  @PUT
  @Path("/{agentId}/owners")
  @Operation(
      summary = "Admin: set the Telegram users who run an agent (AgentOwnersChanged)",
      description = "Replaces the owners; the same owners again change nothing.")
  public Uni<AgentView> owners(
      @PathParam("agentId") String agentId,
      @HeaderParam(AdminId.HEADER) String adminId,
      @Valid @NotNull OwnersChange change) {
    return agents.replaceOwners(agentId, change.ownerTelegramIds(), AdminId.require(adminId));
  }

  @PUT
  @Path("/{agentId}/payout")
  @Operation(summary = "Admin: set an agent's payout wallet and minimum withdrawal")
  public Uni<AgentView> payout(
      @PathParam("agentId") String agentId,
      @HeaderParam(AdminId.HEADER) String adminId,
      @Valid @NotNull PayoutChange change) {
    return agents.changePayout(agentId, change, AdminId.require(adminId));
  }
}
