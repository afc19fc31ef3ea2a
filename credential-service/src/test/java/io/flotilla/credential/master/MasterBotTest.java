package io.flotilla.credential.master;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasToString;

import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class MasterBotTest {

  @InjectTelegram TelegramFixture telegram;

  @BeforeEach
  void configuredTokenIsSettled() {
    ConfiguredMasterBotTest.awaitRegistered();
  }

  @Test
  void registerKeepReplace() {
    BotHandle first = telegram.newBot();
    int replacedBefore = replacements();
    var created =
        admin("owner")
            .body(Map.of("bot_token", first.token()))
            .put("/internal/master/bot")
            .then()
            .body("tenant_id", equalTo("master"))
            .body("tenant_kind", equalTo("MASTER"))
            .body("status", equalTo("active"))
            .body("bot_id", hasToString(String.valueOf(first.id())))
            .extract();
    assertThat(created.statusCode()).as("replaces the configured master bot").isEqualTo(200);
    assertThat(created.asString())
        .doesNotContain(first.token().substring(first.token().indexOf(':')));
    api()
        .get("/internal/master/bot")
        .then()
        .statusCode(200)
        .body("bot_id", hasToString(String.valueOf(first.id())))
        .body("username", equalTo(first.username()))
        .body("token_hint", org.hamcrest.Matchers.containsString("…"));
    int events = Db.eventTypes("master").size();
    assertThat(Db.eventTypes("master")).endsWith("BotRegistered", "BotActivated");
    api().get("/internal/bots/serving?limit=5000").then().body("tenant_id", hasItem("master"));

    admin("owner")
        .body(Map.of("bot_token", first.token()))
        .put("/internal/master/bot")
        .then()
        .statusCode(200)
        .body("bot_id", hasToString(String.valueOf(first.id())));
    assertThat(Db.eventTypes("master")).hasSize(events);

    String regenerated = telegram.secondToken(first);
    admin("owner")
        .body(Map.of("bot_token", regenerated))
        .put("/internal/master/bot")
        .then()
        .statusCode(200)
        .body("bot_id", hasToString(String.valueOf(first.id())));
    api()
        .get("/internal/bots/master/credentials")
        .then()
        .statusCode(200)
        .body("bot_token", equalTo(regenerated))
        .body("tenant_kind", equalTo("MASTER"));

    BotHandle second = telegram.newBot();
    admin("owner")
        .body(Map.of("bot_token", second.token()))
        .put("/internal/master/bot")
        .then()
        .statusCode(200)
        .body("bot_id", hasToString(String.valueOf(second.id())));
    assertThat(Db.eventTypes("master"))
        .hasSize(events + 4)
        .endsWith("BotRegistered", "BotActivated", "BotRegistered", "BotActivated");
    assertThat(replacements()).isEqualTo(replacedBefore + 3);
  }

  @Test
  void aTelegramLoginIsCheckedAgainstTheMasterBotsTokenWhichStaysHere() throws Exception {
    BotHandle master = telegram.newBot();
    admin("owner")
        .body(Map.of("bot_token", master.token()))
        .put("/internal/master/bot")
        .then()
        .statusCode(200);
    String data = "auth_date=1700000000\nid=42\nusername=ann";
    byte[] widgetKey =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(master.token().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] miniAppKey =
        hmac(
            "WebAppData".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            master.token().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String widgetHash = java.util.HexFormat.of().formatHex(hmac(widgetKey, data.getBytes()));
    String miniAppHash = java.util.HexFormat.of().formatHex(hmac(miniAppKey, data.getBytes()));

    String answer =
        verifyLogin("login_widget", data, widgetHash)
            .then()
            .statusCode(200)
            .body("valid", equalTo(true))
            .extract()
            .asString();
    assertThat(answer).doesNotContain(master.token().substring(master.token().indexOf(':')));
    verifyLogin("mini_app", data, miniAppHash).then().statusCode(200).body("valid", equalTo(true));
    verifyLogin("mini_app", data, widgetHash).then().body("valid", equalTo(false));
    verifyLogin("login_widget", data + "1", widgetHash).then().body("valid", equalTo(false));
    verifyLogin("login_widget", data, "zz").then().body("valid", equalTo(false));
    verifyLogin("password", data, widgetHash).then().statusCode(400);
  }

  private static io.restassured.response.Response verifyLogin(
      String flow, String data, String hash) {
    return api()
        .body(Map.of("flow", flow, "data_check_string", data, "hash", hash))
        .post("/internal/master/bot/telegram-login/verify");
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static int replacements() {
    return api()
        .get("/internal/audit?target=master&action=master.bot.replace&admin_id=owner")
        .then()
        .extract()
        .path("total");
  }

  @Test
  void theMasterBotIsOneOfAKind() {
    BotHandle taken = telegram.newBot();
    api()
        .body(Map.of("user_id", "mastertaken" + taken.id(), "bot_token", taken.token()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    Db.unchanged(
        () -> {
          admin("owner")
              .body(Map.of("bot_token", taken.token()))
              .put("/internal/master/bot")
              .then()
              .statusCode(409)
              .body("type", equalTo("https://flotilla.dev/problems/bot-token-taken"));
          api()
              .body(Map.of("bot_token", taken.token()))
              .put("/internal/master/bot")
              .then()
              .statusCode(400);
        });
  }
}
