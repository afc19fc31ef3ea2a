package io.flotilla.credential.user;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class UserBotLifecycleTest {

  @InjectTelegram TelegramFixture telegram;

  @Test
  void registerVerifySuspendActivateRemove() {
    BotHandle bot = telegram.newBot();
    String user = Internal.uniqueId("u");
    String tenant = "user:" + user;
    String apiHash = Internal.apiHash();
    String phone = Internal.phone();

    api()
        .body(
            Map.of(
                "user_id", user,
                "bot_token", bot.token(),
                "api_id", 12345,
                "api_hash", apiHash,
                "phone", phone))
        .post("/internal/user-bots")
        .then()
        .statusCode(201)
        .body("user_id", equalTo(user))
        .body("mtproto", equalTo(true))
        .body("bot.tenant_id", equalTo(tenant))
        .body("bot.tenant_kind", equalTo("USER"))
        .body("bot.bot_id", hasToString(String.valueOf(bot.id())))
        .body("bot.username", equalTo(bot.username()))
        .body("bot.status", equalTo("pending"))
        .body("bot.token_hint", equalTo(masked(bot.token())))
        .body("bot.requests_per_second", equalTo(25))
        .body("bot.max_concurrent_requests", equalTo(10));
    assertThat(Db.eventTypes(tenant)).containsExactly("BotRegistered");

    api()
        .get("/internal/user-bots/" + user)
        .then()
        .statusCode(200)
        .body("bot.status", equalTo("pending"));
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", not(hasItem(tenant)));

    api()
        .post("/internal/user-bots/" + user + "/verify")
        .then()
        .statusCode(200)
        .body("bot.status", equalTo("active"));
    assertThat(Db.eventTypes(tenant)).containsExactly("BotRegistered", "BotActivated");
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", hasItem(tenant));

    admin("admin-1")
        .body(Map.of("reason", "spam reports"))
        .patch("/internal/bots/" + tenant + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"))
        .body("status_reason", equalTo("spam reports"));
    api()
        .post("/internal/user-bots/" + user + "/verify")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/invalid-transition"))
        .body("bot_status", equalTo("suspended"));
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", not(hasItem(tenant)));

    admin("admin-1")
        .patch("/internal/bots/" + tenant + "/activate")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"))
        .body("status_reason", nullValue());
    assertThat(Db.eventTypes(tenant))
        .containsExactly("BotRegistered", "BotActivated", "BotSuspended", "BotActivated");

    api()
        .get("/internal/bots/" + tenant + "/credentials")
        .then()
        .statusCode(200)
        .body("bot_token", equalTo(bot.token()))
        .body("tenant_kind", equalTo("USER"))
        .body("status", equalTo("active"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                api()
                    .get("/internal/user-bots/" + user)
                    .then()
                    .body("bot.last_used_at", notNullValue()));
    api()
        .get("/internal/mtproto/" + tenant + "/credentials")
        .then()
        .statusCode(200)
        .body("api_id", equalTo(12345))
        .body("api_hash", equalTo(apiHash))
        .body("phone", equalTo(phone))
        .body("database_encryption_key", notNullValue());

    api().delete("/internal/user-bots/" + user).then().statusCode(204);
    assertThat(Db.eventTypes(tenant)).endsWith("BotRemoved");
    assertThat(
            Db.rows(
                "select status, token_ciphertext, token_fingerprint from bot where tenant_id = ?",
                tenant))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("status")).isEqualTo("REMOVED");
              assertThat(row.get("token_ciphertext")).isNull();
              assertThat(row.get("token_fingerprint")).isNull();
            });
    assertThat(Db.count("select count(*) from mtproto_account where tenant_id = ?", tenant))
        .isZero();
    api().get("/internal/bots/" + tenant + "/credentials").then().statusCode(404);
    api().get("/internal/mtproto/" + tenant + "/credentials").then().statusCode(404);
    api().delete("/internal/user-bots/" + user).then().statusCode(204);
    assertThat(Db.eventTypes(tenant)).filteredOn("BotRemoved"::equals).hasSize(1);

    api()
        .body(Map.of("user_id", user, "bot_token", bot.token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201)
        .body("bot.status", equalTo("pending"))
        .body("mtproto", equalTo(false));
  }

  private static String masked(String token) {
    int colon = token.indexOf(':');
    return token.substring(0, colon + 3) + "…" + token.substring(token.length() - 3);
  }
}
