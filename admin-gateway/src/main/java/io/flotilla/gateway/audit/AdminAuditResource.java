package io.flotilla.gateway.audit;

import static io.flotilla.gateway.forward.AdminCall.segment;
import static io.flotilla.gateway.forward.InternalForwarder.Service.CREDENTIAL;

import io.flotilla.gateway.forward.AdminCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The credential service's audit trail and its encryption keys, for admins. */
@Path("/api/admin")
@RolesAllowed("admin")
@Tag(name = "audit and keys")
public class AdminAuditResource {

  private final AdminCall call;

  public AdminAuditResource(AdminCall call) {
    this.call = call;
  }

  @GET
  @Path("/audit")
  @Operation(summary = "Audit records, newest first (admin_id, action, target, page, limit)")
  public Uni<Response> audit() {
    return call.get(CREDENTIAL, "/internal/audit");
  }

  @GET
  @Path("/keys")
  @Operation(summary = "The keyset: keys, which is primary, how many rows each still encrypts")
  public Uni<Response> keys() {
    return call.get(CREDENTIAL, "/internal/keys");
  }

  @POST
  @Path("/keys/rotations")
  @Operation(summary = "Start a key rotation: a new primary key, rows re-encrypted in batches")
  public Uni<Response> rotate() {
    return call.send(CREDENTIAL, HttpMethod.POST, "/internal/keys/rotations", null);
  }

  @GET
  @Path("/keys/rotations/{rotationId}")
  @Operation(summary = "A rotation's progress")
  public Uni<Response> rotation(@PathParam("rotationId") String rotationId) {
    return call.get(CREDENTIAL, "/internal/keys/rotations/" + segment("rotation_id", rotationId));
  }

  @POST
  @Path("/keys/{keyId}/retire")
  @Operation(summary = "Retire a key no row uses any more")
  public Uni<Response> retire(@PathParam("keyId") String keyId) {
    return call.send(
        CREDENTIAL,
        HttpMethod.POST,
        "/internal/keys/" + segment("key_id", keyId) + "/retire",
        null);
  }
}
