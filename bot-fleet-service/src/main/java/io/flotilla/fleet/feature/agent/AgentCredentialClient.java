package io.flotilla.fleet.feature.agent;

import io.flotilla.contracts.money.Markup;
import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The credential service's agent routes an agent's own bot uses: its pricing and claim links. */
@Path("/internal/agents")
@RegisterRestClient(configKey = "credential")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface AgentCredentialClient {

  @GET
  @Path("/{agentId}")
  Uni<AgentView> agent(@PathParam("agentId") String agentId);

  /** The agent's own markup, within the admin's bounds (400 otherwise); AgentPricingChanged. */
  @PUT
  @Path("/{agentId}/markup")
  Uni<AgentView> changeMarkup(@PathParam("agentId") String agentId, MarkupChange change);

  /** 200 the agent with the new owner; 409 claim-used, 410 claim-expired, 404 unknown. */
  @POST
  @Path("/claims/redeem")
  Uni<AgentView> redeem(ClaimRedemption redemption);

  /** What an agent's bot needs to know of its agent. */
  record AgentView(
      String agentId,
      String name,
      String status,
      Markup markup,
      long maxPercentBasisPoints,
      long maxFixedMinor) {}

  record MarkupChange(Markup markup) {}

  /** The code of a claim link, the bot's own agent, and the person who opened it. */
  record ClaimRedemption(String code, String agentId, long telegramUserId) {}
}
