package io.flotilla.gateway.bot;

import static io.flotilla.gateway.forward.AdminCall.segment;
import static io.flotilla.gateway.forward.InternalForwarder.Service.CREDENTIAL;

import io.flotilla.gateway.forward.AdminCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins look after every tenant's bot. */
@Path("/api/admin/bots")
@RolesAllowed("admin")
@Tag(name = "bots")
public class AdminBotResource {

  private final AdminCall call;

  public AdminBotResource(AdminCall call) {
    this.call = call;
  }

  @GET
  @Operation(summary = "Every tenant's bot, newest first (status, page, limit)")
  public Uni<Response> list() {
    return call.get(CREDENTIAL, "/internal/bots");
  }

  /** The product brief's path for the same list. */
  @GET
  @Path("/list")
  @Operation(summary = "Every tenant's bot, newest first (status, page, limit)")
  public Uni<Response> listByItsBriefName() {
    return list();
  }

  @GET
  @Path("/{tenantId}")
  @Operation(summary = "A tenant's bot: status, reason, limits; the token masked")
  public Uni<Response> bot(@PathParam("tenantId") String tenantId) {
    return call.get(CREDENTIAL, botPath(tenantId, ""));
  }

  @POST
  @Path("/{tenantId}/access")
  @Operation(summary = "Open a bot as an admin (audited); its token stays masked")
  public Uni<Response> access(@PathParam("tenantId") String tenantId) {
    return call.send(CREDENTIAL, HttpMethod.POST, botPath(tenantId, "/access"), null);
  }

  @PATCH
  @Path("/{tenantId}/suspend")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Stop a bot: {reason}")
  public Uni<Response> suspend(@PathParam("tenantId") String tenantId, byte[] body) {
    return call.send(CREDENTIAL, HttpMethod.PATCH, botPath(tenantId, "/suspend"), body);
  }

  @PATCH
  @Path("/{tenantId}/activate")
  @Operation(summary = "Let a suspended, rate-limited or failed bot serve again")
  public Uni<Response> activate(@PathParam("tenantId") String tenantId) {
    return call.send(CREDENTIAL, HttpMethod.PATCH, botPath(tenantId, "/activate"), null);
  }

  @PATCH
  @Path("/{tenantId}/rate-limit")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a bot's outbound limits")
  public Uni<Response> rateLimit(@PathParam("tenantId") String tenantId, byte[] body) {
    return call.send(CREDENTIAL, HttpMethod.PATCH, botPath(tenantId, "/rate-limit"), body);
  }

  private static String botPath(String tenantId, String rest) {
    return "/internal/bots/" + segment("tenant_id", tenantId) + rest;
  }
}
