package io.flotilla.fleet.feature.userbot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.flotilla.testkit.telegram.TelegramUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's own bot: the owner's texts, people's messages relayed, the owner's replies back. */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
class UserBotTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject BotSupervisor supervisor;

  @Test
  void peopleReachTheOwnerAndTheOwnersRepliesReachThem() {
    TelegramBotApiEmulator telegram = TelegramEmulatorResource.emulator();
    TelegramUser owner = new TelegramUser(9601, "Olga", "olga", "en");
    TelegramUser guest = new TelegramUser(9602, "Gus", "gus", "en");
    BotHandle bot = running(telegram, "user:9601", owner);
    internal()
        .body(
            Map.of(
                "welcome_text",
                "Welcome to Olga's desk!",
                "commands",
                List.of(Map.of("command", "price", "reply", "Ten USDT a month"))))
        .put("/internal/user-bots/user:9601/settings")
        .then()
        .statusCode(200)
        .body("commands[0].command", equalTo("price"));

    telegram.userSendsText(bot.token(), owner, "/start");
    telegram.awaitMessage(
        bot.token(),
        owner.id(),
        m -> m.text().startsWith("Welcome to Olga's desk!\n\nYou own"),
        WAIT);
    telegram.userSendsText(bot.token(), guest, "/start");
    telegram.awaitMessage(
        bot.token(), guest.id(), m -> m.text().equals("Welcome to Olga's desk!"), WAIT);
    telegram.userSendsText(bot.token(), guest, "/price");
    telegram.awaitMessage(bot.token(), guest.id(), m -> m.text().equals("Ten USDT a month"), WAIT);

    telegram.userSendsText(bot.token(), guest, "Can I pay in Stars?");
    SentMessage relayed =
        telegram.awaitMessage(
            bot.token(), owner.id(), m -> m.text().equals("Can I pay in Stars?"), WAIT);
    assertThat(relayed.message().forwardOrigin().at("/sender_user/id").asLong())
        .isEqualTo(guest.id());
    telegram.userRepliesTo(bot.token(), owner, relayed.messageId(), "Yes, from next week.");

    telegram.awaitMessage(
        bot.token(), guest.id(), m -> m.text().equals("Yes, from next week."), WAIT);
    assertThat(telegram.limitBreaches(bot.token())).isEmpty();
  }

  @Test
  void messagesSentThroughTheApiKeepTheBotsLimits() {
    TelegramBotApiEmulator telegram = TelegramEmulatorResource.emulator();
    TelegramUser owner = new TelegramUser(9611, "Olga", "olga2", "en");
    TelegramUser guest = new TelegramUser(9612, "Gus", "gus2", "en");
    BotHandle bot = running(telegram, "user:9611", owner);
    telegram.userSendsText(bot.token(), guest, "hello");
    telegram.awaitMessage(
        bot.token(),
        guest.id(),
        m -> m.text().equals("Sorry, the owner of this bot cannot receive messages yet."),
        WAIT);

    for (int i = 1; i <= 3; i++) {
      internal()
          .body(Map.of("chat_id", guest.id(), "text", "News " + i))
          .post("/internal/user-bots/user:9611/messages")
          .then()
          .statusCode(200);
    }

    assertThat(telegram.messagesTo(bot.token(), guest.id()))
        .extracting(SentMessage::text)
        .containsExactly(
            "Sorry, the owner of this bot cannot receive messages yet.",
            "News 1",
            "News 2",
            "News 3");
    assertThat(telegram.limitBreaches(bot.token())).isEmpty();
    telegram.userBlocksBot(bot.token(), guest);
    internal()
        .body(Map.of("chat_id", guest.id(), "text", "Still there?"))
        .post("/internal/user-bots/user:9611/messages")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/chat-blocked"));
  }

  @Test
  void badSettingsAndUnknownBotsAreRefused() {
    internal()
        .body(Map.of("commands", List.of(Map.of("command", "Bad Name", "reply", "x"))))
        .put("/internal/user-bots/user:9621/settings")
        .then()
        .statusCode(400);
    internal()
        .body(
            Map.of(
                "commands",
                List.of(
                    Map.of("command", "a", "reply", "x"), Map.of("command", "a", "reply", "y"))))
        .put("/internal/user-bots/user:9621/settings")
        .then()
        .statusCode(400);
    internal()
        .body(Map.of("commands", List.of()))
        .put("/internal/user-bots/seven/settings")
        .then()
        .statusCode(404);
    internal()
        .body(Map.of("chat_id", 1, "text", "hi"))
        .post("/internal/user-bots/user:9621/messages")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/bot-not-running"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("commands", List.of()))
        .put("/internal/user-bots/user:9621/settings")
        .then()
        .statusCode(401);
  }

  private BotHandle running(TelegramBotApiEmulator telegram, String tenant, TelegramUser owner) {
    BotHandle handle = telegram.registerBot("u" + owner.id() + "_own_bot");
    FakeCredentialService.put(
        new FakeCredentialService.Bot(
            tenant,
            TenantKind.USER,
            owner.firstName(),
            handle.id(),
            handle.username(),
            handle.token(),
            "active",
            25,
            10,
            List.of(owner.id())));
    await().atMost(WAIT).until(() -> supervisor.isRunning(tenant));
    return handle;
  }

  private static RequestSpecification internal() {
    return given()
        .header("Authorization", "Bearer test-service-token")
        .contentType(ContentType.JSON);
  }
}
