package io.flotilla.credential.admin;

import io.flotilla.credential.api.AdminId;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform admins by Telegram user id, for the gateway and the fleet (the master bot). */
@Path("/internal/platform-admins")
@Tag(name = "platform admins")
public class PlatformAdminResource {

  private final PlatformAdminService admins;

  public PlatformAdminResource(PlatformAdminService admins) {
    this.admins = admins;
  }

  @GET
  @Operation(summary = "Platform admins: all, configured, added at run time")
  public Uni<PlatformAdminsView> list() {
    return admins.list();
  }

  @POST
  @Operation(
      summary = "Admin: make a Telegram user a platform admin (PlatformAdminsChanged)",
      description = "201 when added; 200 and nothing changed when they are one already.")
  public Uni<Response> add(
      @Valid @NotNull PlatformAdminRequest request, @HeaderParam(AdminId.HEADER) String adminId) {
    return admins
        .add(request.telegramId(), AdminId.require(adminId))
        .map(
            outcome ->
                Response.status(outcome.added() ? 201 : 200).entity(outcome.admins()).build());
  }

  @DELETE
  @Path("/{telegramId}")
  @Operation(
      summary = "Admin: remove a platform admin added at run time (PlatformAdminsChanged)",
      description = "A configured admin cannot be removed here (409).")
  public Uni<PlatformAdminsView> remove(
      @PathParam("telegramId") String telegramId, @HeaderParam(AdminId.HEADER) String adminId) {
    return admins.remove(telegramUserId(telegramId), AdminId.require(adminId));
  }

  private static long telegramUserId(String value) {
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like a negative id
    }
    throw ProblemException.invalidField("telegram_id", "must be a positive Telegram user id");
  }
}
