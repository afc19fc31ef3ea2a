package io.flotilla.credential.user;

import io.flotilla.credential.bot.BotService;
import io.flotilla.credential.bot.BotTokenVerifier;
import io.flotilla.credential.tenant.Tenant;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Users' own bots. The gateway proxies its {@code /api/user-bot/...} paths here after
 * authenticating the user, and passes that user's id.
 */
@Path("/internal/user-bots")
@Tag(name = "user bots")
public class UserBotResource {

  private final UserBotService userBots;
  private final BotService bots;
  private final BotTokenVerifier verifier;

  public UserBotResource(UserBotService userBots, BotService bots, BotTokenVerifier verifier) {
    this.userBots = userBots;
    this.bots = bots;
    this.verifier = verifier;
  }

  @POST
  @Operation(
      summary = "Register a user's bot: token shape, getMe, then stored pending (BotRegistered)")
  public Uni<Response> register(@Valid @NotNull RegisterUserBotRequest request) {
    if ((request.apiId() == null) != (request.apiHash() == null)) {
      throw ProblemException.invalidField(
          request.apiId() == null ? "api_id" : "api_hash", "api_id and api_hash come together");
    }
    if (request.phone() != null && request.apiId() == null) {
      throw ProblemException.invalidField("phone", "needs api_id and api_hash");
    }
    return verifier
        .verify(request.botToken(), "bot_token")
        .chain(token -> userBots.register(request, token))
        .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
  }

  @GET
  @Path("/{userId}")
  @Operation(summary = "The user's bot, its token masked")
  public Uni<UserBotView> find(@PathParam("userId") String userId) {
    return userBots.find(userId);
  }

  @POST
  @Path("/{userId}/verify")
  @Operation(summary = "Check the token with getMe again and make the bot active (BotActivated)")
  public Uni<UserBotView> verify(@PathParam("userId") String userId) {
    return userBots
        .needsVerification(userId)
        .chain(
            needed ->
                needed
                    ? bots.token(Tenant.userTenantId(userId))
                        .chain(token -> verifier.verify(token, "bot_token"))
                        .replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .chain(() -> userBots.markVerified(userId));
  }

  @DELETE
  @Path("/{userId}")
  @Operation(summary = "Remove the user's bot; its secrets are wiped (BotRemoved)")
  public Uni<Void> remove(@PathParam("userId") String userId) {
    return userBots.remove(userId);
  }
}
