package io.flotilla.gateway.userbot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flotilla.gateway.auth.SessionCookies;
import io.flotilla.gateway.support.FakeServices;
import io.flotilla.gateway.support.Logins;
import io.flotilla.gateway.support.Logins.Browser;
import io.flotilla.gateway.support.SignInProfile;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person's own bot through the public API, and nobody else's. */
@QuarkusTest
@TestProfile(SignInProfile.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "gateway_userbot"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class UserBotTest {

  private static final AtomicLong NEXT_ID = new AtomicLong(2_000_000 + System.nanoTime() % 1000);
  private static final AtomicLong NEXT_BOT = new AtomicLong(600_000 + System.nanoTime() % 1000);

  /**
   * A body for every user route that takes one. The isolation test fails for a route missing here,
   * so a new route cannot skip it.
   */
  private static final Map<String, String> SAMPLE_BODIES =
      Map.of(
          "POST /api/user-bot/create",
          "{\"bot_token\":\"" + token(NEXT_BOT.incrementAndGet()) + "\"}",
          "PUT /api/user-bot/settings",
          "{\"welcome_text\":\"hi\",\"commands\":[]}",
          "POST /api/user-bot/messages",
          "{\"chat_id\":1,\"text\":\"hi\"}",
          "POST /api/me/tokens",
          "{\"name\":\"b\"}");

  @BeforeEach
  void reset() {
    FakeServices.reset();
  }

  private static String token(long botId) {
    return botId + ":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  }

  private static RequestSpecification as(Browser browser) {
    return given()
        .cookie(SessionCookies.SESSION, browser.session())
        .header(SessionCookies.CSRF_HEADER, browser.csrf());
  }

  @Test
  void createVerifyConfigureMessageAndRemoveOnesOwnBot() {
    Browser ann = Logins.signIn(NEXT_ID.incrementAndGet());
    String tenant = "user:" + ann.telegramId();
    long botId = NEXT_BOT.incrementAndGet();

    String none =
        as(ann).when().get("/api/user-bot/status").then().statusCode(200).extract().asString();
    assertThat(new JsonObject(none)).isEqualTo(new JsonObject().put("has_bot", false));

    as(ann)
        .contentType("application/json")
        .body(
            "{\"bot_token\":\""
                + token(botId)
                + "\",\"telegram_api_id\":12345,\"telegram_api_hash\":\""
                + "0123456789abcdef0123456789abcdef\",\"telegram_phone\":\"+4915112345678\"}")
        .when()
        .post("/api/user-bot/create")
        .then()
        .statusCode(201)
        .body("success", equalTo(true))
        .body("bot_id", equalTo((int) botId))
        .body("bot_username", equalTo("bot" + botId + "_bot"))
        .body("status", equalTo("pending"))
        .body("message", startsWith("Bot registered"));
    FakeServices.Received registered = FakeServices.RECEIVED.getLast();
    assertThat(registered.path()).isEqualTo("/internal/user-bots");
    assertThat(registered.headers()).containsEntry("x-flotilla-user", tenant);
    assertThat(new JsonObject(registered.body()))
        .isEqualTo(
            new JsonObject()
                .put("user_id", Long.toString(ann.telegramId()))
                .put("bot_token", token(botId))
                .put("api_id", 12345)
                .put("api_hash", "0123456789abcdef0123456789abcdef")
                .put("phone", "+4915112345678"));

    as(ann)
        .when()
        .get("/api/user-bot/status")
        .then()
        .statusCode(200)
        .body("has_bot", equalTo(true))
        .body("status", equalTo("pending"))
        .body("mtproto", equalTo(true))
        .body("rate_limit_rps", equalTo(30));
    as(ann)
        .when()
        .post("/api/user-bot/verify")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));

    as(ann)
        .contentType("application/json")
        .body(
            "{\"welcome_text\":\"Welcome!\",\"commands\":[{\"command\":\"/prices\","
                + "\"reply\":\"Cheap\"}]}")
        .when()
        .put("/api/user-bot/settings")
        .then()
        .statusCode(200);
    FakeServices.Received settings = FakeServices.RECEIVED.getLast();
    assertThat(settings.method()).isEqualTo("PUT");
    assertThat(settings.path()).isEqualTo("/internal/user-bots/" + tenant + "/settings");
    assertThat(new JsonObject(settings.body()))
        .isEqualTo(
            new JsonObject(
                "{\"welcome_text\":\"Welcome!\",\"commands\":[{\"command\":\"/prices\","
                    + "\"reply\":\"Cheap\"}]}"));

    as(ann)
        .contentType("application/json")
        .body("{\"chat_id\":4242,\"text\":\"Hello\"}")
        .when()
        .post("/api/user-bot/messages")
        .then()
        .statusCode(202);
    FakeServices.Received message = FakeServices.RECEIVED.getLast();
    assertThat(message.path()).isEqualTo("/internal/user-bots/" + tenant + "/messages");
    assertThat(new JsonObject(message.body()))
        .isEqualTo(new JsonObject().put("chat_id", 4242).put("text", "Hello"));

    as(ann)
        .when()
        .delete("/api/user-bot/remove")
        .then()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("status", equalTo("removed"));
    as(ann)
        .when()
        .get("/api/user-bot/status")
        .then()
        .statusCode(200)
        .body("has_bot", equalTo(false));
  }

  @Test
  void refusedTokensAndSecondBotsStoreNothing() {
    Browser ann = Logins.signIn(NEXT_ID.incrementAndGet());
    Browser bob = Logins.signIn(NEXT_ID.incrementAndGet());
    String annsToken = token(NEXT_BOT.incrementAndGet());
    create(ann, annsToken).then().statusCode(201);

    create(bob, "not-a-token").then().statusCode(400);
    create(bob, FakeServices.REFUSED_TOKEN).then().statusCode(422);
    create(bob, annsToken)
        .then()
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/bot-token-taken"));
    create(ann, token(NEXT_BOT.incrementAndGet()))
        .then()
        .statusCode(409)
        .body("type", endsWith("/bot-exists"));
    int forwarded = FakeServices.RECEIVED.size();
    as(bob)
        .contentType("application/json")
        .body("{\"telegram_api_id\":1}")
        .when()
        .post("/api/user-bot/create")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("bot_token"));
    as(bob)
        .contentType("application/json")
        .body("{\"commands\":[{\"command\":\"../x\",\"reply\":\"r\"}]}")
        .when()
        .put("/api/user-bot/settings")
        .then()
        .statusCode(400);
    as(bob)
        .contentType("application/json")
        .body("{\"chat_id\":1,\"text\":\"" + "x".repeat(4097) + "\"}")
        .when()
        .post("/api/user-bot/messages")
        .then()
        .statusCode(400);
    assertThat(FakeServices.RECEIVED).hasSize(forwarded);

    assertThat(FakeServices.USER_BOTS).containsOnlyKeys(Long.toString(ann.telegramId()));
    as(bob).when().get("/api/user-bot/status").then().body("has_bot", equalTo(false));
  }

  @Test
  void anotherPersonReachesNothingOfOnesBotOnAnyUserRoute() {
    Browser ann = Logins.signIn(NEXT_ID.incrementAndGet());
    long annsBot = NEXT_BOT.incrementAndGet();
    create(ann, token(annsBot)).then().statusCode(201);
    as(ann).when().post("/api/user-bot/verify").then().statusCode(200);
    String annsTokenId =
        as(ann)
            .contentType("application/json")
            .body("{\"name\":\"ann\"}")
            .when()
            .post("/api/me/tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Browser bob = Logins.signIn(NEXT_ID.incrementAndGet());

    List<String> walked = new ArrayList<>();
    JsonObject paths =
        new JsonObject(given().when().get("/q/openapi?format=json").then().extract().asString())
            .getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      if (!path.startsWith("/api/user-bot") && !path.startsWith("/api/me")) {
        continue;
      }
      for (String method : paths.getJsonObject(path).fieldNames()) {
        String route = method.toUpperCase() + " " + path;
        if (route.equals("DELETE /api/user-bot/remove")) {
          continue; // walked last: it would end Bob's own attempts
        }
        boolean takesBody =
            paths.getJsonObject(path).getJsonObject(method).containsKey("requestBody");
        walk(bob, route, path.replace("{tokenId}", annsTokenId), takesBody, annsBot, annsTokenId);
        walked.add(route);
      }
    }
    walk(bob, "DELETE /api/user-bot/remove", "/api/user-bot/remove", false, annsBot, annsTokenId);
    walked.add("DELETE /api/user-bot/remove");

    assertThat(walked)
        .contains(
            "POST /api/user-bot/create",
            "GET /api/user-bot/status",
            "POST /api/user-bot/verify",
            "DELETE /api/user-bot/remove",
            "PUT /api/user-bot/settings",
            "POST /api/user-bot/messages",
            "DELETE /api/me/tokens/{tokenId}");
    assertThat(FakeServices.RECEIVED)
        .noneMatch(
            received ->
                received
                        .headers()
                        .getOrDefault("x-flotilla-user", "")
                        .equals("user:" + bob.telegramId())
                    && received.path().contains(Long.toString(ann.telegramId())));
    String annsStatus =
        FakeServices.USER_BOTS
            .get(Long.toString(ann.telegramId()))
            .getJsonObject("bot")
            .getString("status");
    assertThat(annsStatus).isEqualTo("active");
    as(ann)
        .when()
        .get("/api/me/tokens")
        .then()
        .statusCode(200)
        .body("[0].id", equalTo(annsTokenId))
        .body("[0].revoked_at", equalTo(null));
  }

  private static void walk(
      Browser bob, String route, String path, boolean takesBody, long annsBot, String tokenId) {
    String method = route.substring(0, route.indexOf(' '));
    RequestSpecification request = as(bob);
    if (takesBody) {
      String body = SAMPLE_BODIES.get(route);
      assertThat(body).as("a sample body for " + route).isNotNull();
      request = request.contentType("application/json").body(body);
    }
    var response = request.when().request(method, path);
    assertThat(response.statusCode()).as(route).isLessThan(500);
    if (path.contains(tokenId)) {
      assertThat(response.statusCode()).as(route).isEqualTo(404);
    }
    // The problem's instance names the path Bob asked for; nothing else may name Ann's things.
    assertThat(response.asString().replace(path, ""))
        .as(route)
        .doesNotContain(Long.toString(annsBot))
        .doesNotContain(tokenId);
  }

  private static io.restassured.response.Response create(Browser browser, String botToken) {
    return as(browser)
        .contentType("application/json")
        .body(new JsonObject().put("bot_token", botToken).encode())
        .when()
        .post("/api/user-bot/create");
  }
}
