package io.flotilla.fleet.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fleet.dispatch.Dispatcher;
import io.flotilla.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where Telegram pushes a bot's updates in webhook mode: {@code POST /telegram/webhook/<path>}, the
 * path derived from the bot's id and the fleet secret. A path no bot has is 404; a missing or wrong
 * {@code X-Telegram-Bot-Api-Secret-Token} (compared in constant time) is 403 and a body that is not
 * an update 400, both without touching anything. A valid update is answered 200 only once it has
 * been claimed and handled; when it cannot be claimed the answer is 503 and Telegram delivers it
 * again, and the claim drops a delivery that arrives twice.
 */
@Path(WebhookIntake.PATH_PREFIX + "{path}")
@Tag(name = "webhook")
public class WebhookIntake {

  static final String PATH_PREFIX = "/telegram/webhook/";
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BotSupervisor supervisor;
  private final Dispatcher dispatcher;
  private final MeterRegistry registry;

  public WebhookIntake(BotSupervisor supervisor, Dispatcher dispatcher, MeterRegistry registry) {
    this.supervisor = supervisor;
    this.dispatcher = dispatcher;
    this.registry = registry;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "An update Telegram pushes to one bot's webhook")
  public Uni<Response> receive(
      @PathParam("path") String path, @HeaderParam(SECRET_HEADER) String secret, byte[] body) {
    LiveBot bot =
        supervisor.webhookKeys().isEmpty() ? null : supervisor.byWebhookPath(path).orElse(null);
    if (bot == null) {
      throw refused("unknown_path", ProblemException.notFound("No webhook at this path"));
    }
    if (!supervisor.webhookKeys().get().matches(bot.info().botId(), secret)) {
      throw refused(
          "bad_secret",
          new ProblemException(
              403,
              "webhook-secret",
              "Forbidden",
              "The webhook's secret token is missing or wrong"));
    }
    JsonNode update = parse(body);
    return dispatcher
        .accept(bot.target(), update)
        .replaceWith(Response.ok().build())
        .onFailure()
        .transform(
            failure ->
                ProblemException.unavailable(
                    "update-not-accepted", "The update could not be recorded; deliver it again"));
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode update = JSON.readTree(body == null ? new byte[0] : body);
      if (update != null && update.isObject() && update.path("update_id").canConvertToLong()) {
        return update;
      }
    } catch (IOException notJson) {
      // Falls through to the refusal: the body is not an update.
    }
    throw refused(
        "not_an_update",
        ProblemException.badRequest("not-an-update", "The body is not a Telegram update"));
  }

  private ProblemException refused(String reason, ProblemException problem) {
    registry.counter("flotilla.fleet.webhook.refused", "reason", reason).increment();
    return problem;
  }
}
