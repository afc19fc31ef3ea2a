package io.flotilla.fleet.feature.userbot;

import io.flotilla.fleet.outbound.Priority;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.telegram.BotApiException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The fleet's internal API for users' own bots, reached through the gateway: the owner's texts, and
 * sending a message through the bot (paced by the bot's own limits, like everything it sends).
 */
@Path("/internal/user-bots/{tenantId}")
@Tag(name = "user bots")
public class UserBotResource {

  /** A message to send through the bot. */
  public record SendRequest(@NotNull Long chatId, @NotBlank @Size(max = 4096) String text) {}

  /** What Telegram made of it. */
  public record SentView(long messageId) {}

  private final UserBotStore store;
  private final BotSupervisor supervisor;

  public UserBotResource(UserBotStore store, BotSupervisor supervisor) {
    this.store = store;
    this.supervisor = supervisor;
  }

  @GET
  @Path("/settings")
  public Uni<UserBotSettings> settings(@PathParam("tenantId") String tenantId) {
    return store.settings(userTenant(tenantId));
  }

  @PUT
  @Path("/settings")
  public Uni<UserBotSettings> save(
      @PathParam("tenantId") String tenantId, @Valid @NotNull UserBotSettings settings) {
    long distinct = settings.commands().stream().map(c -> c.command()).distinct().count();
    if (distinct != settings.commands().size()) {
      throw ProblemException.invalidField("commands", "a command is listed twice");
    }
    if (settings.replyTo("start").isPresent()) {
      throw ProblemException.invalidField("commands", "/start shows the welcome text");
    }
    return store.save(userTenant(tenantId), settings).replaceWith(settings);
  }

  @POST
  @Path("/messages")
  public Uni<SentView> send(
      @PathParam("tenantId") String tenantId, @Valid @NotNull SendRequest request) {
    var bot =
        supervisor
            .target(userTenant(tenantId))
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        "bot-not-running", "The bot of " + tenantId + " is not running"));
    return bot.sender()
        .send(
            Priority.NOTIFICATION,
            request.chatId(),
            "sendMessage",
            Map.of("chat_id", request.chatId(), "text", request.text()))
        .map(sent -> new SentView(sent.path("message_id").asLong()))
        .onFailure(BotApiException.class)
        .transform(UserBotResource::refusal);
  }

  private static Throwable refusal(Throwable failure) {
    BotApiException telegram = (BotApiException) failure;
    if (telegram.errorCode() == 403) {
      return ProblemException.conflict("chat-blocked", "The person blocked the bot");
    }
    return ProblemException.unprocessable(
        "telegram-refused", "Telegram refused the message: " + telegram.getMessage());
  }

  private static String userTenant(String tenantId) {
    if (!tenantId.startsWith("user:")) {
      throw ProblemException.notFound("No user bot " + tenantId);
    }
    return tenantId;
  }
}
