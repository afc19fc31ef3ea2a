package io.flotilla.credential.user;

import static io.flotilla.credential.testsupport.Db.unchanged;
import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input gets the right 4xx with a reason, and changes nothing: no tenant, bot, account,
 * audit row or event appears or changes.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class BadInputTest {

  private static final String SECRET = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @InjectTelegram TelegramFixture telegram;

  static Stream<Arguments> malformedTokens() {
    return Stream.of(
        Arguments.of("", "must not be blank"),
        Arguments.of("123456789", "must look like"),
        Arguments.of("0123456789:" + SECRET, "must look like"),
        Arguments.of("0:" + SECRET, "must look like"),
        Arguments.of("-5:" + SECRET, "must look like"),
        Arguments.of("12ab:" + SECRET, "must look like"),
        Arguments.of("123456789:short_secret_23_chars_x", "must look like"),
        Arguments.of("123456789:" + SECRET.substring(0, 20) + "/abc", "must look like"),
        Arguments.of("123456789:" + SECRET + "+", "must look like"),
        Arguments.of("123456789:" + SECRET + "=", "must look like"),
        Arguments.of("123456789 :" + SECRET, "must look like"),
        Arguments.of("123456789:" + SECRET + "\n", "must look like"),
        Arguments.of("99999999999999999999:" + SECRET, "must look like"),
        Arguments.of("9999999999999999999:" + SECRET, "out of range"),
        Arguments.of("123456789:" + "A".repeat(71), "longer than 80"));
  }

  @ParameterizedTest
  @MethodSource("malformedTokens")
  void malformedTokensAreRefusedBeforeTelegramIsAsked(String token, String reason) {
    unchanged(
        () ->
            api()
                .body(Map.of("user_id", Internal.uniqueId("bad"), "bot_token", token))
                .post("/internal/user-bots")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://flotilla.dev/problems/invalid-field"))
                .body("detail", containsString("bot_token"))
                .body("detail", containsString(reason))
                .body("detail", not(containsString(SECRET))));
  }

  @Test
  void tokensTelegramRefusesOrMisreportsAreRefused() {
    String unknown = telegram.unknownToken();
    unchanged(
        () ->
            register(Internal.uniqueId("u"), unknown)
                .statusCode(400)
                .body("type", equalTo("https://flotilla.dev/problems/bot-token-rejected"))
                .body("detail", not(containsString(unknown))));

    BotHandle revoked = telegram.newBot();
    telegram.revoke(revoked.token());
    unchanged(
        () ->
            register(Internal.uniqueId("u"), revoked.token())
                .statusCode(400)
                .body("type", equalTo("https://flotilla.dev/problems/bot-token-rejected")));

    BotHandle other = telegram.newBot();
    telegram.reportBotId(other.id() + 1);
    try {
      unchanged(
          () ->
              register(Internal.uniqueId("u"), other.token())
                  .statusCode(400)
                  .body("type", equalTo("https://flotilla.dev/problems/bot-token-mismatch")));
    } finally {
      telegram.reportTruth();
    }
  }

  @Test
  void telegramUnreachableIsA503AndNothingIsStored() {
    BotHandle bot = telegram.newBot();
    String user = Internal.uniqueId("u");
    telegram.offline();
    try {
      unchanged(
          () ->
              register(user, bot.token())
                  .statusCode(503)
                  .body("type", equalTo("https://flotilla.dev/problems/telegram-unavailable")));
      unchanged(
          () ->
              admin("admin-1")
                  .body(
                      Map.of(
                          "agent_id",
                          Internal.uniqueId("a"),
                          "name",
                          "A",
                          "bot_token",
                          bot.token()))
                  .post("/internal/agents")
                  .then()
                  .statusCode(503));
    } finally {
      telegram.online();
    }
    register(user, bot.token()).statusCode(201);
  }

  @Test
  void duplicateTokensAndBotsAreConflicts() {
    BotHandle bot = telegram.newBot();
    register(Internal.uniqueId("u"), bot.token()).statusCode(201);

    unchanged(
        () ->
            register(Internal.uniqueId("u"), bot.token())
                .statusCode(409)
                .body("type", equalTo("https://flotilla.dev/problems/bot-token-taken")));
    String regenerated = telegram.secondToken(bot);
    unchanged(
        () ->
            register(Internal.uniqueId("u"), regenerated)
                .statusCode(409)
                .body("type", equalTo("https://flotilla.dev/problems/bot-taken")));
    unchanged(
        () ->
            admin("admin-1")
                .body(
                    Map.of(
                        "agent_id",
                        Internal.uniqueId("a"),
                        "name",
                        "Dup",
                        "bot_token",
                        bot.token()))
                .post("/internal/agents")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://flotilla.dev/problems/bot-token-taken")));
  }

  @Test
  void aUserHasOneBot() {
    String user = Internal.uniqueId("u");
    register(user, telegram.newBot().token()).statusCode(201);
    BotHandle second = telegram.newBot();
    unchanged(
        () ->
            register(user, second.token())
                .statusCode(409)
                .body("type", equalTo("https://flotilla.dev/problems/bot-exists")));
  }

  static Stream<Arguments> invalidRegistrations() {
    return Stream.of(
        Arguments.of("user_id", (Object) null, "user_id"),
        Arguments.of("user_id", "u".repeat(65), "user_id"),
        Arguments.of("user_id", "1; drop table bot; --", "user_id"),
        Arguments.of("user_id", "x' or '1'='1", "user_id"),
        Arguments.of("user_id", "../../etc", "user_id"),
        Arguments.of("bot_token", (Object) null, "bot_token"),
        Arguments.of("bot_token", "1:" + "A".repeat(300), "bot_token"),
        Arguments.of("api_id", 0, "api_id"),
        Arguments.of("api_id", -7, "api_id"),
        Arguments.of("api_id", "12abc", "api_id"),
        Arguments.of("api_hash", "A".repeat(32), "api_hash"),
        Arguments.of("api_hash", "0123", "api_hash"),
        Arguments.of("api_hash", "'; delete from mtproto_account; --", "api_hash"),
        Arguments.of("phone", "12345", "phone"),
        Arguments.of("phone", "+49" + "1".repeat(20), "phone"));
  }

  @ParameterizedTest
  @MethodSource("invalidRegistrations")
  void invalidFieldsAreNamed(String field, Object value, String named) {
    Map<String, Object> body = new HashMap<>();
    body.put("user_id", Internal.uniqueId("u"));
    body.put("bot_token", telegram.newBot().token());
    body.put("api_id", 12345);
    body.put("api_hash", Internal.apiHash());
    body.put(field, value);
    unchanged(
        () ->
            api()
                .body(body)
                .post("/internal/user-bots")
                .then()
                .statusCode(400)
                .body("detail", containsString(named)));
  }

  @Test
  void mtprotoFieldsComeTogether() {
    String token = telegram.newBot().token();
    unchanged(
        () ->
            api()
                .body(Map.of("user_id", Internal.uniqueId("u"), "bot_token", token, "api_id", 5))
                .post("/internal/user-bots")
                .then()
                .statusCode(400)
                .body("field", equalTo("api_hash")));
    unchanged(
        () ->
            api()
                .body(
                    Map.of(
                        "user_id",
                        Internal.uniqueId("u"),
                        "bot_token",
                        token,
                        "phone",
                        Internal.phone()))
                .post("/internal/user-bots")
                .then()
                .statusCode(400)
                .body("field", equalTo("phone")));
  }

  @Test
  void unreadableBodiesAreRefused() {
    unchanged(
        () -> api().body("{\"user_id\": ").post("/internal/user-bots").then().statusCode(400));
    unchanged(() -> api().body("[]").post("/internal/user-bots").then().statusCode(400));
    unchanged(() -> api().post("/internal/user-bots").then().statusCode(400));
  }

  @Test
  void unknownTenantsAreNotFoundEverywhere() {
    String nobody = "user:" + Internal.uniqueId("nobody");
    String sqlish = "x'; drop table bot; --";
    for (String tenant : new String[] {nobody, sqlish}) {
      unchanged(
          () -> {
            api().get("/internal/bots/" + tenant).then().statusCode(404);
            api().get("/internal/bots/" + tenant + "/credentials").then().statusCode(404);
            api().get("/internal/mtproto/" + tenant + "/credentials").then().statusCode(404);
            api()
                .body(Map.of("session", "s"))
                .put("/internal/mtproto/" + tenant + "/session")
                .then()
                .statusCode(404);
            api()
                .body(Map.of("reason", "r"))
                .post("/internal/bots/" + tenant + "/failure")
                .then()
                .statusCode(404);
            admin("admin-1").post("/internal/bots/" + tenant + "/access").then().statusCode(404);
            admin("admin-1")
                .body(Map.of("reason", "r"))
                .patch("/internal/bots/" + tenant + "/suspend")
                .then()
                .statusCode(404);
            admin("admin-1").patch("/internal/bots/" + tenant + "/activate").then().statusCode(404);
            admin("admin-1")
                .body(Map.of("requests_per_second", 5, "max_concurrent_requests", 5))
                .patch("/internal/bots/" + tenant + "/rate-limit")
                .then()
                .statusCode(404);
            api().get("/internal/user-bots/" + tenant).then().statusCode(404);
            api().post("/internal/user-bots/" + tenant + "/verify").then().statusCode(404);
            api().delete("/internal/user-bots/" + tenant).then().statusCode(404);
            api().get("/internal/agents/" + tenant).then().statusCode(404);
            admin("admin-1")
                .body(Map.of("reason", "r"))
                .post("/internal/agents/" + tenant + "/pause")
                .then()
                .statusCode(404);
          });
    }
  }

  @Test
  void adminActionsNeedAnAdmin() {
    String user = Internal.uniqueId("u");
    register(user, telegram.newBot().token()).statusCode(201);
    String tenant = "user:" + user;
    for (Function<RequestSpecification, RequestSpecification> header :
        java.util.List.<Function<RequestSpecification, RequestSpecification>>of(
            spec -> spec,
            spec -> spec.header(Internal.ADMIN_HEADER, ""),
            spec -> spec.header(Internal.ADMIN_HEADER, "admin; drop table audit_entry"),
            spec -> spec.header(Internal.ADMIN_HEADER, "a".repeat(200)))) {
      unchanged(
          () -> {
            header
                .apply(api())
                .body(Map.of("reason", "r"))
                .patch("/internal/bots/" + tenant + "/suspend")
                .then()
                .statusCode(400)
                .body("field", equalTo(Internal.ADMIN_HEADER));
            header.apply(api()).post("/internal/bots/" + tenant + "/access").then().statusCode(400);
            header.apply(api()).post("/internal/keys/rotations").then().statusCode(400);
          });
    }
  }

  @Test
  void oversizedAndMissingAdminFieldsAreRefused() {
    String user = Internal.uniqueId("u");
    register(user, telegram.newBot().token()).statusCode(201);
    String tenant = "user:" + user;
    unchanged(
        () -> {
          admin("admin-1")
              .body(Map.of("reason", "r".repeat(501)))
              .patch("/internal/bots/" + tenant + "/suspend")
              .then()
              .statusCode(400)
              .body("detail", containsString("reason"));
          admin("admin-1")
              .body(Map.of())
              .patch("/internal/bots/" + tenant + "/suspend")
              .then()
              .statusCode(400);
          for (Map<String, Object> limits :
              java.util.List.<Map<String, Object>>of(
                  Map.of("requests_per_second", 0, "max_concurrent_requests", 5),
                  Map.of("requests_per_second", 5, "max_concurrent_requests", 1001),
                  Map.of("requests_per_second", 5),
                  Map.of("requests_per_second", "fast", "max_concurrent_requests", 5))) {
            admin("admin-1")
                .body(limits)
                .patch("/internal/bots/" + tenant + "/rate-limit")
                .then()
                .statusCode(400);
          }
          api()
              .get("/internal/bots?status=active' or '1'='1")
              .then()
              .statusCode(400)
              .body("field", equalTo("status"));
          api().get("/internal/bots?page=0").then().statusCode(400);
          api().get("/internal/bots?limit=101").then().statusCode(400);
          api().get("/internal/agents?status=deleted").then().statusCode(400);
          api().get("/internal/audit?limit=0").then().statusCode(400);
          api().get("/internal/audit?admin_id=" + "a".repeat(200)).then().statusCode(400);
          api()
              .body(Map.of("session", "s".repeat(65_537)))
              .put("/internal/mtproto/" + tenant + "/session")
              .then()
              .statusCode(400);
        });
  }

  private static ValidatableResponse register(String user, String token) {
    return api()
        .body(Map.of("user_id", user, "bot_token", token))
        .post("/internal/user-bots")
        .then();
  }
}
