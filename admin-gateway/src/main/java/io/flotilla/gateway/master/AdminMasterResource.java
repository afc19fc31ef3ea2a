package io.flotilla.gateway.master;

import static io.flotilla.gateway.forward.AdminCall.segment;
import static io.flotilla.gateway.forward.InternalForwarder.Service.CREDENTIAL;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.gateway.forward.AdminCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The master shop's bot and the platform admins who run it from Telegram. */
@Path("/api/admin")
@RolesAllowed("admin")
@Tag(name = "master shop")
public class AdminMasterResource {

  private final AdminCall call;

  public AdminMasterResource(AdminCall call) {
    this.call = call;
  }

  @GET
  @Path("/master/bot")
  @Operation(
      summary = "The master shop bot: status, bot id, username",
      description = "The token is never shown, only masked (token_hint). 404 before one is set.")
  public Uni<Response> masterBot() {
    return call.get(CREDENTIAL, "/internal/master/bot");
  }

  @PUT
  @Path("/master/bot")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set or replace the master shop bot",
      description =
          "Body: {\"bot_token\"}. The token's shape is checked, then getMe; it is stored"
              + " encrypted. 201 the first time, 200 after (the same token again changes nothing).")
  public Uni<Response> setMasterBot(@NotNull JsonNode request) {
    // Parsed here so that malformed JSON is refused before the token travels any further.
    return call.send(
        CREDENTIAL,
        HttpMethod.PUT,
        "/internal/master/bot",
        request.toString().getBytes(StandardCharsets.UTF_8));
  }

  @GET
  @Path("/platform-admins")
  @Operation(
      summary = "Platform admins by Telegram user id",
      description =
          "{\"telegram_ids\": all, \"configured\": from FLOTILLA_ADMIN_TELEGRAM_IDS, \"added\":"
              + " added here}. They may use the admin commands of the master bot.")
  public Uni<Response> platformAdmins() {
    return call.get(CREDENTIAL, "/internal/platform-admins");
  }

  @POST
  @Path("/platform-admins")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Make a Telegram user a platform admin",
      description =
          "Body: {\"telegram_id\"}. 201 with the admins when added, 200 when they are one"
              + " already. The bots follow without a restart.")
  public Uni<Response> addPlatformAdmin(byte[] body) {
    return call.send(CREDENTIAL, HttpMethod.POST, "/internal/platform-admins", body);
  }

  @DELETE
  @Path("/platform-admins/{telegramId}")
  @Operation(
      summary = "Remove a platform admin added here",
      description =
          "Answers the admins left. One from FLOTILLA_ADMIN_TELEGRAM_IDS cannot be removed here:"
              + " 409 platform-admin-configured.")
  public Uni<Response> removePlatformAdmin(@PathParam("telegramId") String telegramId) {
    return call.send(
        CREDENTIAL,
        HttpMethod.DELETE,
        "/internal/platform-admins/" + segment("telegram_id", telegramId),
        null);
  }
}
