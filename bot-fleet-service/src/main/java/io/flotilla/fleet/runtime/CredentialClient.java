package io.flotilla.fleet.runtime;

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
@Path("/internal")
@RegisterRestClient(configKey = "credential")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface CredentialClient {

  @GET
  @Path("/bots/serving")
  Uni<List<ServingBot>> serving(@QueryParam("after") String after, @QueryParam("limit") int limit);

  @GET
  @Path("/bots/{tenantId}/credentials")
  Uni<BotCredentials> credentials(@PathParam("tenantId") String tenantId);

  @POST
  @Path("/bots/{tenantId}/failure")
  Uni<Void> reportFailure(@PathParam("tenantId") String tenantId, FailureReport report);

  @GET
  @Path("/platform-admins")
  Uni<PlatformAdminList> platformAdmins();

  /** Why a bot cannot serve. */
  record FailureReport(String reason) {}

  /** The effective list of platform admins' Telegram ids. */
  record PlatformAdminList(List<Long> telegramIds) {}
}
