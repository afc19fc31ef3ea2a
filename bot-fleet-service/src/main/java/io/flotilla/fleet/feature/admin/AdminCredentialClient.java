package io.flotilla.fleet.feature.admin;

import io.flotilla.contracts.money.Markup;
import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The credential service's agent routes, called on a platform admin's behalf: every call names the
 * admin in {@code X-Flotilla-Admin} ({@code tg:<telegram id>}) for the audit log.
 */
@Path("/internal/agents")
@RegisterRestClient(configKey = "credential")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface AdminCredentialClient {

  String ADMIN = "X-Flotilla-Admin";

  /** 201 the agent, its bot checked with getMe and active; 400 invalid, 409 taken. */
  @POST
  Uni<AgentView> create(@HeaderParam(ADMIN) String admin, CreateAgentRequest request);

  /** Newest first, {@code page} from 1. */
  @GET
  Uni<AgentPage> list(@QueryParam("page") int page, @QueryParam("limit") int limit);

  @GET
  @Path("/{agentId}")
  Uni<AgentView> agent(@PathParam("agentId") String agentId);

  /** A one-time claim link's code, shown only in this answer. */
  @POST
  @Path("/{agentId}/claims")
  Uni<ClaimView> claim(@PathParam("agentId") String agentId, @HeaderParam(ADMIN) String admin);

  @POST
  @Path("/{agentId}/pause")
  Uni<AgentView> pause(
      @PathParam("agentId") String agentId, @HeaderParam(ADMIN) String admin, Reason reason);

  @POST
  @Path("/{agentId}/resume")
  Uni<AgentView> resume(@PathParam("agentId") String agentId, @HeaderParam(ADMIN) String admin);

  /** The markup an admin sets; above the agent's bound for its kind: 400. */
  @PUT
  @Path("/{agentId}/pricing")
  Uni<AgentView> pricing(
      @PathParam("agentId") String agentId, @HeaderParam(ADMIN) String admin, PricingChange change);

  /**
   * A new agent with its bot's token. Its toString never shows the token, so neither can a log line
   * or an exception that prints the request.
   */
  record CreateAgentRequest(String agentId, String name, String botToken) {
    @Override
    public String toString() {
      return "CreateAgentRequest[agentId=" + agentId + ", name=" + name + ", botToken=***]";
    }
  }

  record Reason(String reason) {}

  /** {@code startPayload} is {@code claim_<code>}, the /start parameter of the agent bot's link. */
  record ClaimView(String agentId, String startPayload, Instant expiresAt) {
    @Override
    public String toString() {
      return "ClaimView[" + agentId + ", expires " + expiresAt + ", code=***]";
    }
  }

  record PricingChange(Markup markup) {}

  record AgentView(
      String agentId,
      String name,
      String status,
      String statusReason,
      Markup markup,
      List<Long> ownerTelegramIds,
      BotView bot) {}

  record BotView(String username, String status) {}

  record AgentPage(List<AgentView> items, int page, int limit, long total) {

    public AgentPage {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }
}
