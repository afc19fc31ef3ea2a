package io.flotilla.credential.keys;

import io.flotilla.credential.api.AdminId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Credential key rotation, for admins; see docs/runbooks/key-rotation.md. */
@Path("/internal/keys")
@Tag(name = "keys")
public class KeyResource {

  private final KeyRotationService keys;

  public KeyResource(KeyRotationService keys) {
    this.keys = keys;
  }

  @GET
  @Operation(summary = "The keyset (no key material), ciphertexts per key, the latest rotation")
  public Uni<KeysView> describe() {
    return keys.describe();
  }

  @POST
  @Path("/rotations")
  @Operation(
      summary = "Admin: start a rotation: add a key, promote it, re-encrypt every row online",
      description = "Answers 202 at once; follow progress with GET /internal/keys.")
  public Uni<Response> rotate(@HeaderParam(AdminId.HEADER) String adminId) {
    String admin = AdminId.require(adminId);
    return keys.requireRotatable()
        .chain(
            previousKeyId ->
                keys.addKey().chain(newKeyId -> keys.record(newKeyId, previousKeyId, admin)))
        .map(rotation -> Response.accepted(rotation).build());
  }

  @GET
  @Path("/rotations/{rotationId}")
  @Operation(summary = "One rotation's progress")
  public Uni<RotationView> rotation(@PathParam("rotationId") long rotationId) {
    return keys.find(rotationId);
  }

  @POST
  @Path("/{keyId}/retire")
  @Operation(summary = "Admin: delete a key that is not primary and protects no ciphertext")
  public Uni<KeysView.KeyView> retire(
      @PathParam("keyId") long keyId, @HeaderParam(AdminId.HEADER) String adminId) {
    return keys.retire(keyId, AdminId.require(adminId));
  }
}
