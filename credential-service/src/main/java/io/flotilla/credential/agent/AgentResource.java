package io.flotilla.credential.agent;

import io.flotilla.credential.bot.BotTokenVerifier;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Internal API for agents; the gateway calls it on an admin's behalf. */
@Path("/internal/agents")
@Tag(name = "agents")
public class AgentResource {

  /** The admin on whose behalf the gateway calls, for the audit log. */
  public static final String ADMIN_HEADER = "X-Flotilla-Admin";

  private final AgentService agents;
  private final BotTokenVerifier verifier;

  public AgentResource(AgentService agents, BotTokenVerifier verifier) {
    this.agents = agents;
    this.verifier = verifier;
  }

  @POST
  public Uni<Response> create(
      @Valid @NotNull CreateAgentRequest request, @HeaderParam(ADMIN_HEADER) String adminId) {
    return verifier
        .verify(request.botToken(), "bot_token")
        .chain(identity -> agents.create(request, identity, adminOrSystem(adminId)))
        .map(agent -> Response.status(Response.Status.CREATED).entity(agent).build());
  }

  static String adminOrSystem(String adminId) {
    return adminId == null || adminId.isBlank() ? "system" : adminId;
  }
}
