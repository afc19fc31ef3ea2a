package io.flotilla.gateway.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The credential service's internal API. Bodies pass through as JSON: the credential service
 * validates them and owns their shape, and its problem answers reach the caller unchanged.
 */
@Path("/internal")
@RegisterRestClient(configKey = "credential")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface CredentialServiceClient {

  /** Header naming the admin an internal call is made for, for the audit log. */
  String ADMIN_HEADER = "X-Flotilla-Admin";

  @POST
  @Path("/agents")
  Uni<JsonNode> createAgent(JsonNode request, @HeaderParam(ADMIN_HEADER) String adminId);

  @GET
  @Path("/bots/{tenantId}")
  Uni<JsonNode> bot(@PathParam("tenantId") String tenantId);
}
