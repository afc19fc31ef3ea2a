package io.flotilla.gateway.userbot;

import io.flotilla.gateway.auth.Identities;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A signed-in person's own bot. No route takes a user id: the bot is always the caller's, so
 * another person's is out of reach by construction.
 */
@Path("/api/user-bot")
@RolesAllowed(Identities.USER)
@Tag(name = "user bot")
@Produces(MediaType.APPLICATION_JSON)
public class UserBotResource {

  private final UserBotService userBots;
  private final SecurityIdentity identity;

  public UserBotResource(UserBotService userBots, SecurityIdentity identity) {
    this.userBots = userBots;
    this.identity = identity;
  }

  @POST
  @Path("/create")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register your bot: its token is checked with getMe and kept encrypted",
      description =
          "201, status pending. One bot per person: a second is 409 bot-exists; a token another"
              + " tenant registered is 409 bot-token-taken; a malformed token 400, one Telegram"
              + " refuses 4xx. Nothing is stored when refused.")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = UserBotResult.class)))
  public Uni<Response> create(@Valid @NotNull CreateUserBotRequest request) {
    return userBots.create(Identities.telegramId(identity), request);
  }

  @GET
  @Path("/status")
  @Operation(summary = "Your bot: status and limits; {\"has_bot\": false} when you have none")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = UserBotStatus.class)))
  public Uni<Response> status() {
    return userBots.status(Identities.telegramId(identity));
  }

  @POST
  @Path("/verify")
  @Operation(summary = "Check the token with getMe again and make the bot active; 404 without one")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = UserBotResult.class)))
  public Uni<Response> verify() {
    return userBots.verify(Identities.telegramId(identity));
  }

  @DELETE
  @Path("/remove")
  @Operation(summary = "Remove your bot: it stops within seconds and its secrets are destroyed")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = UserBotResult.class)))
  public Uni<Response> remove() {
    return userBots.remove(Identities.telegramId(identity));
  }

  @PUT
  @Path("/settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set the /start welcome and the command → reply pairs; 404 without a bot")
  @APIResponse(
      responseCode = "200",
      description = "The settings as the fleet keeps them",
      content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
  public Uni<Response> settings(@Valid @NotNull UserBotSettings settings) {
    return userBots.changeSettings(Identities.telegramId(identity), settings);
  }

  @POST
  @Path("/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a message through your bot to one of its chats")
  @APIResponse(
      responseCode = "202",
      description = "Queued by the fleet",
      content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
  public Uni<Response> message(@Valid @NotNull UserBotMessage message) {
    return userBots.send(Identities.telegramId(identity), message);
  }
}
