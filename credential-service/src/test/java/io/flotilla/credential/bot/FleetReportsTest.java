package io.flotilla.credential.bot;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fleet reports about the bots it runs, and how admins bring a failed bot back. */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class FleetReportsTest {

  @InjectTelegram TelegramFixture telegram;

  @Test
  void rateLimitedBotsKeepServingAndRecover() {
    String tenant = activeUserBot(telegram.newBot());
    api()
        .body(Map.of("reason", "429 retry_after 30"))
        .post("/internal/bots/" + tenant + "/rate-limited")
        .then()
        .statusCode(200)
        .body("status", equalTo("rate_limited"))
        .body("status_reason", equalTo("429 retry_after 30"));
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", hasItem(tenant));
    api()
        .post("/internal/bots/" + tenant + "/recovered")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
    api()
        .post("/internal/bots/" + tenant + "/recovered")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
  }

  @Test
  void aFailedBotNeedsATokenTelegramAcceptsBeforeItServesAgain() {
    BotHandle bot = telegram.newBot();
    String tenant = activeUserBot(bot);
    api()
        .body(Map.of("reason", "getUpdates answered 401"))
        .post("/internal/bots/" + tenant + "/failure")
        .then()
        .statusCode(200)
        .body("status", equalTo("error"));
    api()
        .body(Map.of("reason", "again"))
        .post("/internal/bots/" + tenant + "/failure")
        .then()
        .statusCode(200)
        .body("status_reason", equalTo("getUpdates answered 401"));
    assertThat(Db.eventTypes(tenant)).filteredOn("BotFailed"::equals).hasSize(1);
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", not(hasItem(tenant)));
    api()
        .body(Map.of("reason", "429"))
        .post("/internal/bots/" + tenant + "/rate-limited")
        .then()
        .statusCode(200)
        .body("status", equalTo("error"));

    telegram.revoke(bot.token());
    int calls = telegram.getMeCalls(bot.token());
    Db.unchanged(
        () ->
            admin("admin-1")
                .patch("/internal/bots/" + tenant + "/activate")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://flotilla.dev/problems/bot-token-rejected")));
    assertThat(telegram.getMeCalls(bot.token())).isEqualTo(calls + 1);

    BotHandle healthy = telegram.newBot();
    String other = activeUserBot(healthy);
    api()
        .body(Map.of("reason", "blip"))
        .post("/internal/bots/" + other + "/failure")
        .then()
        .statusCode(200);
    admin("admin-1")
        .patch("/internal/bots/" + other + "/activate")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
    assertThat(Db.eventTypes(other)).endsWith("BotFailed", "BotActivated");
  }

  @Test
  void aRemovedBotTakesNoFurtherChanges() {
    BotHandle bot = telegram.newBot();
    String user = Internal.uniqueId("gone");
    String tenant = "user:" + user;
    api()
        .body(Map.of("user_id", user, "bot_token", bot.token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    api().delete("/internal/user-bots/" + user).then().statusCode(204);
    Db.unchanged(
        () -> {
          admin("admin-1")
              .body(Map.of("reason", "r"))
              .patch("/internal/bots/" + tenant + "/suspend")
              .then()
              .statusCode(409)
              .body("type", equalTo("https://flotilla.dev/problems/invalid-transition"));
          admin("admin-1").patch("/internal/bots/" + tenant + "/activate").then().statusCode(409);
          admin("admin-1")
              .body(Map.of("requests_per_second", 2, "max_concurrent_requests", 2))
              .patch("/internal/bots/" + tenant + "/rate-limit")
              .then()
              .statusCode(409);
          api().post("/internal/user-bots/" + user + "/verify").then().statusCode(409);
          api()
              .body(Map.of("reason", "r"))
              .post("/internal/bots/" + tenant + "/failure")
              .then()
              .statusCode(200)
              .body("status", equalTo("removed"));
        });
  }

  private String activeUserBot(BotHandle bot) {
    String user = Internal.uniqueId("fleet");
    api()
        .body(Map.of("user_id", user, "bot_token", bot.token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    api().post("/internal/user-bots/" + user + "/verify").then().statusCode(200);
    return "user:" + user;
  }
}
