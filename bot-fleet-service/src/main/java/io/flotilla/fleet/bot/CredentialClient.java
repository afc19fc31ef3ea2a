package io.flotilla.fleet.bot;

import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The credential service's internal API, as the fleet uses it. */
@Path("/internal/bots")
@RegisterRestClient(configKey = "credential")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface CredentialClient {

  @GET
  @Path("/serving")
  Uni<List<ServingBot>> serving(@QueryParam("after") String after, @QueryParam("limit") int limit);

  @GET
  @Path("/{tenantId}/credentials")
  Uni<BotCredentials> credentials(@PathParam("tenantId") String tenantId);

  @POST
  @Path("/{tenantId}/failure")
  Uni<Void> reportFailure(@PathParam("tenantId") String tenantId, FailureReport report);

  /** Why a bot cannot serve. */
  record FailureReport(String reason) {}
}
