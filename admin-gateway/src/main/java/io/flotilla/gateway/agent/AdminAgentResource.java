package io.flotilla.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Admins manage resellers. The class sits at {@code /api/admin} like the other admin resources:
 * JAX-RS picks one root class by its path first, and a class at {@code /api/admin/agents} would
 * hide the agents' pricing and balance routes the inventory and ledger resources serve.
 */
@Path("/api/admin")
@RolesAllowed("admin")
@Tag(name = "agents")
public class AdminAgentResource {

  private final CredentialServiceClient credentials;
  private final SecurityIdentity identity;

  public AdminAgentResource(
      @RestClient CredentialServiceClient credentials, SecurityIdentity identity) {
    this.credentials = credentials;
    this.identity = identity;
  }

  @POST
  @Path("/agents")
  @Operation(
      summary = "Create an agent with its clone shop bot",
      description =
          "Body: {\"agent_id\", \"name\", \"bot_token\", \"markup\"?}. The token is checked with"
              + " getMe and stored encrypted; the fleet starts the bot within seconds.")
  public Uni<Response> create(@NotNull JsonNode request) {
    return credentials
        .createAgent(request, identity.getPrincipal().getName())
        .map(agent -> Response.status(Response.Status.CREATED).entity(agent).build());
  }
}
