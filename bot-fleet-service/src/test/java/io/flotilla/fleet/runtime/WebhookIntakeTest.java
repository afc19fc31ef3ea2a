package io.flotilla.fleet.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.flotilla.testkit.telegram.TelegramUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bots in webhook mode: Telegram pushes, the fleet checks who is pushing before anything else. */
@QuarkusTest
@TestProfile(WebhookIntakeTest.WebhookMode.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
class WebhookIntakeTest {

  static final int PORT = 18_482;
  static final String SECRET = "a-fleet-webhook-secret-of-forty-characters";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fleet's public URL is its own test port. */
  public static class WebhookMode implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.test-port",
          String.valueOf(PORT),
          "flotilla.fleet.webhook.public-url",
          "http://127.0.0.1:" + PORT + "/",
          "flotilla.fleet.webhook.secret",
          SECRET);
    }
  }

  @Inject BotSupervisor supervisor;
  @Inject Pool pool;

  private final WebhookKeys keys = new WebhookKeys(SECRET);

  @Test
  void pushedUpdatesAreAnsweredOnceAndThePathRevealsNothing() throws Exception {
    TelegramBotApiEmulator telegram = TelegramEmulatorResource.emulator();
    BotHandle bot = webhookBot(telegram, "pushed");
    TelegramUser alice = new TelegramUser(9801, "Alice", "alice", "en");

    String url = webhookUrl(telegram, bot);
    assertThat(url).endsWith("/telegram/webhook/" + keys.pathOf(bot.id()));
    assertThat(url).doesNotContain(bot.token()).doesNotContain(String.valueOf(bot.id()));

    telegram.userSendsText(bot.token(), alice, "/start");
    telegram.awaitMessage(
        bot.token(), alice.id(), m -> m.text().startsWith("Welcome to Pushed"), WAIT);
    Update start = telegram.updatesCreated(bot.token()).getLast();
    telegram.redeliverUpdate(bot.token(), start.updateId());

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> telegram.messagesTo(bot.token(), alice.id()).size() == 1);
  }

  @Test
  void forgedPushesAreRefusedBeforeAnythingIsProcessed() throws Exception {
    TelegramBotApiEmulator telegram = TelegramEmulatorResource.emulator();
    BotHandle bot = webhookBot(telegram, "guarded");
    BotHandle other = webhookBot(telegram, "neighbour");
    webhookUrl(telegram, bot);
    String path = "/telegram/webhook/" + keys.pathOf(bot.id());
    String update =
        """
        {"update_id": 5, "message": {"message_id": 1, "date": 1, "text": "/start",
         "chat": {"id": 9901, "type": "private"}, "from": {"id": 9901, "is_bot": false, "first_name": "Eve"}}}
        """;
    long claimedBefore = claimed();

    given().body(update).post(path).then().statusCode(403);
    given()
        .header(WebhookIntake.SECRET_HEADER, "wrong")
        .body(update)
        .post(path)
        .then()
        .statusCode(403);
    given()
        .header(WebhookIntake.SECRET_HEADER, keys.secretOf(other.id()))
        .body(update)
        .post(path)
        .then()
        .statusCode(403);
    given()
        .header(WebhookIntake.SECRET_HEADER, keys.secretOf(bot.id()))
        .body("{\"not\": \"an update\"}")
        .post(path)
        .then()
        .statusCode(400);
    given()
        .header(WebhookIntake.SECRET_HEADER, keys.secretOf(bot.id()))
        .body(update)
        .post("/telegram/webhook/" + keys.pathOf(424242))
        .then()
        .statusCode(404);

    assertThat(claimed()).as("nothing claimed").isEqualTo(claimedBefore);
    assertThat(telegram.messagesTo(bot.token(), 9901)).isEmpty();
  }

  private BotHandle webhookBot(TelegramBotApiEmulator telegram, String tenant) {
    BotHandle handle = telegram.registerBot(tenant + "_hook_bot");
    FakeCredentialService.put(
        new FakeCredentialService.Bot(
            tenant,
            TenantKind.AGENT,
            Character.toUpperCase(tenant.charAt(0)) + tenant.substring(1),
            handle.id(),
            handle.username(),
            handle.token(),
            "active",
            30,
            10,
            List.of()));
    await().atMost(WAIT).until(() -> supervisor.isRunning(tenant));
    return handle;
  }

  private static String webhookUrl(TelegramBotApiEmulator telegram, BotHandle bot)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String[] url = new String[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode info =
                  JSON.readTree(
                      http.send(
                              HttpRequest.newBuilder(
                                      URI.create(
                                          telegram.baseUrl()
                                              + "/bot"
                                              + bot.token()
                                              + "/getWebhookInfo"))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body());
              url[0] = info.at("/result/url").asText("");
              return !url[0].isEmpty();
            });
    return url[0];
  }

  private long claimed() {
    return pool.query("select count(*) from processed_update")
        .execute()
        .await()
        .atMost(WAIT)
        .iterator()
        .next()
        .getLong(0);
  }
}
