package io.flotilla.gateway.bot;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.gateway.agent.CredentialServiceClient;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Admins look after every tenant's bot. */
@Path("/api/admin/bots")
@RolesAllowed("admin")
@Tag(name = "bots")
public class AdminBotResource {

  private final CredentialServiceClient credentials;

  public AdminBotResource(@RestClient CredentialServiceClient credentials) {
    this.credentials = credentials;
  }

  @GET
  @Path("/{tenantId}")
  @Operation(summary = "A tenant's bot: status, reason, limits; the token masked")
  public Uni<JsonNode> bot(@PathParam("tenantId") String tenantId) {
    return credentials.bot(tenantId);
  }
}
