package io.flotilla.gateway.userbot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.gateway.forward.Acting;
import io.flotilla.gateway.forward.InternalForwarder;
import io.flotilla.gateway.forward.InternalForwarder.Service;
import io.flotilla.gateway.signin.UserIds;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A person's own bot, kept by the credential service (token, status) and run by the fleet
 * (settings, messages). The person is always the caller: their Telegram id names the bot, so no
 * request can reach another person's. The services' problems reach the caller unchanged.
 */
@ApplicationScoped
public class UserBotService {

  private final InternalForwarder forwarder;
  private final ObjectMapper json;

  public UserBotService(InternalForwarder forwarder, ObjectMapper json) {
    this.forwarder = forwarder;
    this.json = json;
  }

  public Uni<Response> create(long telegramId, CreateUserBotRequest request) {
    JsonObject body =
        new JsonObject()
            .put("user_id", Long.toString(telegramId))
            .put("bot_token", request.botToken())
            .put("api_id", request.telegramApiId())
            .put("api_hash", request.telegramApiHash())
            .put("phone", request.telegramPhone());
    return credential(telegramId, HttpMethod.POST, "/internal/user-bots", body)
        .map(
            answered(
                view ->
                    Response.status(Response.Status.CREATED)
                        .entity(
                            result(
                                view,
                                "Bot registered; it is pending until verified"
                                    + " (POST /api/user-bot/verify)"))
                        .build()));
  }

  public Uni<Response> status(long telegramId) {
    return credential(telegramId, HttpMethod.GET, userBotPath(telegramId), null)
        .map(
            answer ->
                answer.statusCode() == 404
                    ? Response.ok(UserBotStatus.none()).build()
                    : answered(view -> Response.ok(status(view)).build()).apply(answer));
  }

  private static UserBotStatus status(JsonObject view) {
    JsonObject bot = view.getJsonObject("bot");
    if ("removed".equals(bot.getString("status"))) {
      return UserBotStatus.none();
    }
    String createdAt = bot.getString("created_at");
    return new UserBotStatus(
        true,
        bot.getLong("bot_id"),
        bot.getString("username"),
        bot.getString("status"),
        bot.getString("status_reason"),
        bot.getInteger("requests_per_second"),
        bot.getInteger("max_concurrent_requests"),
        view.getBoolean("mtproto"),
        createdAt == null ? null : Instant.parse(createdAt));
  }

  public Uni<Response> verify(long telegramId) {
    return credential(telegramId, HttpMethod.POST, userBotPath(telegramId) + "/verify", null)
        .map(answered(view -> Response.ok(result(view, "Bot verified")).build()));
  }

  public Uni<Response> remove(long telegramId) {
    return credential(telegramId, HttpMethod.DELETE, userBotPath(telegramId), null)
        .map(
            answer ->
                answer.statusCode() == 204
                    ? Response.ok(
                            new UserBotResult(
                                true,
                                null,
                                null,
                                "removed",
                                "Bot removed; it stops within seconds and its secrets are"
                                    + " destroyed"))
                        .build()
                    : InternalForwarder.toResponse(answer));
  }

  public Uni<Response> changeSettings(long telegramId, UserBotSettings settings) {
    return fleet(telegramId, HttpMethod.PUT, "/settings", settings);
  }

  public Uni<Response> send(long telegramId, UserBotMessage message) {
    return fleet(telegramId, HttpMethod.POST, "/messages", message);
  }

  private Uni<Response> fleet(long telegramId, HttpMethod method, String rest, Object body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A validated request always serialises", e);
    }
    return forwarder.forward(
        Service.FLEET,
        method,
        "/internal/user-bots/" + UserIds.tenantOf(telegramId) + rest,
        null,
        headers(telegramId, true),
        Buffer.buffer(bytes));
  }

  private Uni<HttpResponse<Buffer>> credential(
      long telegramId, HttpMethod method, String path, JsonObject body) {
    return forwarder.call(
        Service.CREDENTIAL,
        method,
        path,
        null,
        headers(telegramId, body != null),
        body == null ? null : Buffer.buffer(body.encode()));
  }

  private static Map<String, String> headers(long telegramId, boolean hasBody) {
    Map<String, String> headers = new HashMap<>(Acting.user(telegramId));
    if (hasBody) {
      headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
    return headers;
  }

  private static String userBotPath(long telegramId) {
    return "/internal/user-bots/" + telegramId;
  }

  /** A 2xx answer reshaped; anything else (a problem) passed on unchanged. */
  private static Function<HttpResponse<Buffer>, Response> answered(
      Function<JsonObject, Response> reshape) {
    return answer ->
        answer.statusCode() / 100 == 2
            ? reshape.apply(answer.bodyAsJsonObject())
            : InternalForwarder.toResponse(answer);
  }

  private static UserBotResult result(JsonObject view, String message) {
    JsonObject bot = view.getJsonObject("bot");
    return new UserBotResult(
        true, bot.getString("username"), bot.getLong("bot_id"), bot.getString("status"), message);
  }
}
