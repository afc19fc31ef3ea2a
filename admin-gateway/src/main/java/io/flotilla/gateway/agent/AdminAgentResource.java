package io.flotilla.gateway.agent;

import static io.flotilla.gateway.forward.AdminCall.segment;
import static io.flotilla.gateway.forward.InternalForwarder.Service.CREDENTIAL;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.gateway.forward.AdminCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admins manage resellers. The class sits at {@code /api/admin} like the other admin resources:
 * JAX-RS picks one root class by its path first, and a class at {@code /api/admin/agents} would
 * hide the agents' pricing and balance routes the inventory and ledger resources serve.
 */
@Path("/api/admin")
@RolesAllowed("admin")
@Tag(name = "agents")
public class AdminAgentResource {

  private final AdminCall call;

  public AdminAgentResource(AdminCall call) {
    this.call = call;
  }

  @POST
  @Path("/agents")
  @Operation(
      summary = "Create an agent with its clone shop bot",
      description =
          "Body: {\"agent_id\", \"name\", \"bot_token\", \"markup\"?}. The token is checked with"
              + " getMe and stored encrypted; the fleet starts the bot within seconds.")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(@NotNull JsonNode request) {
    // Parsed here so that malformed JSON is refused before the token travels any further.
    return call.send(
        CREDENTIAL,
        HttpMethod.POST,
        "/internal/agents",
        request.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GET
  @Path("/agents")
  @Operation(summary = "Agents, newest first (status, page, limit)")
  public Uni<Response> list() {
    return call.get(CREDENTIAL, "/internal/agents");
  }

  @GET
  @Path("/agents/{agentId}")
  @Operation(summary = "An agent: status, markup and its bounds, payout settings")
  public Uni<Response> find(@PathParam("agentId") String agentId) {
    return call.get(CREDENTIAL, agentPath(agentId, ""));
  }

  @POST
  @Path("/agents/{agentId}/pause")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Pause an agent: {reason}. Its bot stops serving and its shop stops selling")
  public Uni<Response> pause(@PathParam("agentId") String agentId, byte[] body) {
    return call.send(CREDENTIAL, HttpMethod.POST, agentPath(agentId, "/pause"), body);
  }

  @POST
  @Path("/agents/{agentId}/resume")
  @Operation(summary = "Resume a paused agent")
  public Uni<Response> resume(@PathParam("agentId") String agentId) {
    return call.send(CREDENTIAL, HttpMethod.POST, agentPath(agentId, "/resume"), null);
  }

  @PUT
  @Path("/agents/{agentId}/pricing")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set an agent's markup and the bounds it may set its own within")
  public Uni<Response> changePricing(@PathParam("agentId") String agentId, byte[] body) {
    return call.send(CREDENTIAL, HttpMethod.PUT, agentPath(agentId, "/pricing"), body);
  }

  @PUT
  @Path("/agents/{agentId}/payout")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set an agent's payout wallet and minimum withdrawal")
  public Uni<Response> changePayout(@PathParam("agentId") String agentId, byte[] body) {
    return call.send(CREDENTIAL, HttpMethod.PUT, agentPath(agentId, "/payout"), body);
  }

  @PUT
  @Path("/agents/{agentId}/owners")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set the Telegram users who run an agent",
      description =
          "Body: {\"owner_telegram_ids\": [positive ids]}, replacing the current owners (an empty"
              + " list removes them all). Answers the agent with its owner_telegram_ids; the"
              + " agent's bot follows without a restart.")
  public Uni<Response> changeOwners(@PathParam("agentId") String agentId, byte[] body) {
    return call.send(CREDENTIAL, HttpMethod.PUT, agentPath(agentId, "/owners"), body);
  }

  @POST
  @Path("/agents/{agentId}/claims")
  @Operation(
      summary = "Make a one-time link that makes its user an owner of the agent",
      description =
          "201 {\"agent_id\", \"code\", \"start_payload\", \"expires_at\"}, shown only"
              + " this once. Hand out https://t.me/<agent bot username>?start=<start_payload>;"
              + " the first person to open it in the agent's bot becomes an owner.")
  public Uni<Response> createClaim(@PathParam("agentId") String agentId) {
    return call.send(CREDENTIAL, HttpMethod.POST, agentPath(agentId, "/claims"), null);
  }

  private static String agentPath(String agentId, String rest) {
    return "/internal/agents/" + segment("agent_id", agentId) + rest;
  }
}
