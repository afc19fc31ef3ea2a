package io.flotilla.ledger.agent;

import io.flotilla.ledger.AdminHeader;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An agent's money rules; admins change them. */
@Path("/internal/agents/{agentId}/settings")
@Tag(name = "agents")
public class AgentSettingsResource {

  private final AgentSettingsService settings;

  public AgentSettingsResource(AgentSettingsService settings) {
    this.settings = settings;
  }

  @GET
  public Uni<AgentSettingsView> find(@PathParam("agentId") String agentId) {
    return settings.find(agentId);
  }

  @PUT
  public Uni<AgentSettingsView> update(
      @PathParam("agentId") String agentId,
      @Valid @NotNull AgentSettingsRequest request,
      @HeaderParam(AdminHeader.NAME) String adminId) {
    return settings.update(agentId, request, AdminHeader.require(adminId));
  }
}
