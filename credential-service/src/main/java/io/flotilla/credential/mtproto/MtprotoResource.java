package io.flotilla.credential.mtproto;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet's TDLib clients read MTProto credentials here and keep their session material. */
@Path("/internal/mtproto/{tenantId}")
@Tag(name = "mtproto (fleet)")
public class MtprotoResource {

  private final MtprotoService mtproto;

  public MtprotoResource(MtprotoService mtproto) {
    this.mtproto = mtproto;
  }

  @GET
  @Path("/credentials")
  @Operation(summary = "Fleet: api_id, api_hash, phone, TDLib database key, session (decrypted)")
  public Uni<MtprotoCredentials> credentials(@PathParam("tenantId") String tenantId) {
    return mtproto.credentials(tenantId);
  }

  @PUT
  @Path("/session")
  @Operation(summary = "Fleet: store the TDLib session material, encrypted")
  public Uni<Void> storeSession(
      @PathParam("tenantId") String tenantId, @Valid @NotNull SessionUpdate update) {
    return mtproto.storeSession(tenantId, update.session());
  }
}
