package io.flotilla.gateway.support;

import io.flotilla.gateway.signin.TelegramSignatures;
import io.flotilla.gateway.signin.TelegramSignatures.Flow;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the credential service (platform admins, users' bots, as docs/credential.md
 * describes them) and the bot fleet (users' bot settings and messages), keeping users' bots in
 * memory and recording every request, so a test sees what the gateway sent and what it stored.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

  /** A request as the internal service received it. */
  public record Received(String method, String path, Map<String, String> headers, String body) {}

  /** The Telegram id the fake credential service lists as a platform admin. */
  public static final long ADMIN_TELEGRAM_ID = 777;

  /** Bot tokens whose getMe the fake Telegram refuses (a revoked or invented token). */
  public static final String REFUSED_TOKEN = "400000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  /** The master bot's token, which the fake credential service checks logins with. */
  public static final String MASTER_BOT_TOKEN = "5550009:MASTER-bot-token-AAAAAAAAAAAAAAAAAAAAA";

  public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

  /** Users' bots by user id: the view the fake credential service answers. */
  public static final Map<String, JsonObject> USER_BOTS = new ConcurrentHashMap<>();

  private static final Pattern TOKEN = Pattern.compile("([1-9][0-9]{0,14}):[A-Za-z0-9_-]{30,}");
  private static final Pattern USER_BOT = Pattern.compile("/internal/user-bots/([^/]+)(/verify)?");
  private static final Pattern FLEET =
      Pattern.compile("/internal/user-bots/(user:[^/]+)/(settings|messages)");

  private Vertx vertx;

  public static void reset() {
    RECEIVED.clear();
    USER_BOTS.clear();
  }

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    int port;
    try {
      port =
          vertx
              .createHttpServer()
              .requestHandler(
                  request -> request.body().onSuccess(body -> answer(request, body.toString())))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .actualPort();
    } catch (Exception e) {
      throw new IllegalStateException("Fake services did not start", e);
    }
    String url = "http://127.0.0.1:" + port;
    return Map.of(
        "flotilla.gateway.credential-url", url,
        "flotilla.gateway.fleet-url", url,
        "flotilla.gateway.ledger-url", url,
        "flotilla.gateway.inventory-url", url);
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }

  private static void answer(HttpServerRequest request, String body) {
    Map<String, String> headers = new ConcurrentHashMap<>();
    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
    String method = request.method().name();
    String path = request.path();
    RECEIVED.add(new Received(method, path, headers, body));
    if (!"Bearer test-service-token".equals(headers.get("authorization"))) {
      problem(request, 401, "unauthenticated");
      return;
    }
    Matcher fleet = FLEET.matcher(path);
    Matcher userBot = USER_BOT.matcher(path);
    if (method.equals("GET") && path.equals("/internal/platform-admins")) {
      json(
          request,
          200,
          new JsonObject()
              .put("telegram_ids", new JsonArray().add(ADMIN_TELEGRAM_ID))
              .put("configured", new JsonArray().add(ADMIN_TELEGRAM_ID))
              .put("added", new JsonArray()));
    } else if (method.equals("POST") && path.equals("/internal/master/bot/telegram-login/verify")) {
      JsonObject check = new JsonObject(body);
      Flow flow = check.getString("flow").equals("mini_app") ? Flow.MINI_APP : Flow.LOGIN_WIDGET;
      json(
          request,
          200,
          new JsonObject()
              .put(
                  "valid",
                  TelegramSignatures.valid(
                      flow,
                      MASTER_BOT_TOKEN,
                      check.getString("data_check_string"),
                      check.getString("hash"))));
    } else if (method.equals("POST") && path.equals("/internal/user-bots")) {
      register(request, new JsonObject(body));
    } else if (fleet.matches()) {
      String userId = fleet.group(1).substring("user:".length());
      JsonObject bot = USER_BOTS.get(userId);
      if (bot == null || bot.getJsonObject("bot").getString("status").equals("removed")) {
        problem(request, 404, "not-found");
      } else if (fleet.group(2).equals("settings") && method.equals("PUT")) {
        json(request, 200, new JsonObject(body));
      } else if (fleet.group(2).equals("messages") && method.equals("POST")) {
        json(request, 202, new JsonObject().put("queued", true));
      } else {
        problem(request, 405, "method-not-allowed");
      }
    } else if (userBot.matches()) {
      JsonObject bot = USER_BOTS.get(userBot.group(1));
      if (bot == null) {
        problem(request, 404, "not-found");
      } else if (method.equals("GET") && userBot.group(2) == null) {
        json(request, 200, bot);
      } else if (method.equals("POST") && userBot.group(2) != null) {
        if (bot.getJsonObject("bot").getString("status").equals("removed")) {
          problem(request, 409, "bot-removed");
          return;
        }
        bot.getJsonObject("bot").put("status", "active");
        json(request, 200, bot);
      } else if (method.equals("DELETE") && userBot.group(2) == null) {
        bot.getJsonObject("bot").put("status", "removed");
        request.response().setStatusCode(204).end();
      } else {
        problem(request, 405, "method-not-allowed");
      }
    } else {
      problem(request, 404, "not-found");
    }
  }

  private static void register(HttpServerRequest request, JsonObject body) {
    String userId = body.getString("user_id");
    String token = body.getString("bot_token", "");
    Matcher shape = TOKEN.matcher(token);
    if (!shape.matches()) {
      problem(request, 400, "invalid-field");
      return;
    }
    if (token.equals(REFUSED_TOKEN)) {
      problem(request, 422, "bot-token-rejected");
      return;
    }
    long botId = Long.parseLong(shape.group(1));
    boolean taken =
        USER_BOTS.values().stream()
            .map(view -> view.getJsonObject("bot"))
            .anyMatch(
                bot ->
                    bot.getLong("bot_id") == botId && !bot.getString("status").equals("removed"));
    JsonObject own = USER_BOTS.get(userId);
    if (own != null && !own.getJsonObject("bot").getString("status").equals("removed")) {
      problem(request, 409, "bot-exists");
      return;
    }
    if (taken) {
      problem(request, 409, "bot-token-taken");
      return;
    }
    JsonObject view =
        new JsonObject()
            .put("user_id", userId)
            .put("mtproto", body.getValue("api_id") != null)
            .put(
                "bot",
                new JsonObject()
                    .put("tenant_id", "user:" + userId)
                    .put("tenant_kind", "user")
                    .put("bot_id", botId)
                    .put("username", "bot" + botId + "_bot")
                    .put("token_hint", "***")
                    .put("status", "pending")
                    .put("requests_per_second", 30)
                    .put("max_concurrent_requests", 10)
                    .put("created_at", "2026-12-07T12:00:00Z"));
    USER_BOTS.put(userId, view);
    json(request, 201, view);
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  private static void problem(HttpServerRequest request, int status, String slug) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(
            new JsonObject()
                .put("type", "https://flotilla.dev/problems/" + slug)
                .put("title", slug)
                .put("status", status)
                .encode());
  }
}
