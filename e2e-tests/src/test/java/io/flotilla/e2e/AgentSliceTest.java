package io.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.infra.KafkaBrokerProcess;
import io.flotilla.testkit.infra.TestDatabase;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The first slice across real processes: an admin creates an agent on the gateway, the credential
 * service checks the token with getMe and stores it encrypted, AgentCreated travels through the
 * outbox and Kafka, the fleet starts the bot, and the bot answers /start in the Bot API emulator.
 * Kafka is a broker of the test's own, so it can be stopped to show that a change made while it is
 * down waits in the outbox and goes out when it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentSliceTest {

  private static final Duration SOON = Duration.ofSeconds(30);
  private static final TelegramUser CUSTOMER = new TelegramUser(424242, "Alice", "alice", "en");

  private static E2eStack stack;
  private static TelegramBotApiEmulator telegram;
  private static KafkaBrokerProcess kafka;
  private static FlotillaPlatform platform;
  private static Api api;
  private static BotHandle sevenBot;

  @BeforeAll
  static void startPlatform() throws Exception {
    stack = E2eStack.start();
    telegram = stack.telegram;
    kafka = stack.kafka;
    platform = stack.platform;
    api = new Api(platform.gateway.url());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void adminCreatesAgentAndItsBotAnswersStart() throws Exception {
    sevenBot = telegram.registerBot("seven_shop_bot");

    Api.Answer created =
        api.post(
            "/api/admin/agents",
            platform.adminToken,
            """
            {"agent_id": "seven", "name": "Seven Shop", "bot_token": "%s"}
            """
                .formatted(sevenBot.token()));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("agent_id").asText()).isEqualTo("seven");
    assertThat(created.json().path("bot").path("bot_id").asLong()).isEqualTo(sevenBot.id());
    assertThat(created.json().path("bot").path("token_hint").asText())
        .startsWith(sevenBot.id() + ":")
        .contains("…");
    assertThat(created.body()).doesNotContain(secretOf(sevenBot));

    telegram.userSendsText(sevenBot.token(), CUSTOMER, "/start");
    assertThat(
            telegram
                .awaitMessage(
                    sevenBot.token(),
                    CUSTOMER.id(),
                    message -> message.text() != null && message.text().contains("Seven Shop"),
                    SOON)
                .text())
        .startsWith("Welcome to Seven Shop");
  }

  @Test
  @Order(2)
  void revokedTokenStopsTheBotAndMarksItFailed() throws Exception {
    telegram.revoke(sevenBot.token());

    await()
        .atMost(SOON)
        .untilAsserted(
            () -> {
              Api.Answer bot = api.get("/api/admin/bots/seven", platform.adminToken);
              assertThat(bot.json().path("status").asText()).as(bot.body()).isEqualTo("error");
              assertThat(bot.json().path("status_reason").asText()).contains("401");
            });
    int pollsAfterFailure = telegram.requestCount(sevenBot.token(), "getUpdates");
    Thread.sleep(2_000);
    assertThat(telegram.requestCount(sevenBot.token(), "getUpdates"))
        .as("a bot whose token was revoked stops polling")
        .isEqualTo(pollsAfterFailure);
  }

  @Test
  @Order(3)
  void badInputIsRefusedAndNothingIsStoredOrPublished() throws Exception {
    long eventsBefore = outboxRows();
    BotHandle unknownToTelegram =
        new BotHandle(987654321L, "ghost_bot", "Ghost", "987654321:" + "A".repeat(35));
    String valid =
        """
        {"agent_id": "eight", "name": "Eight", "bot_token": "%s"}
        """;

    Api.Answer wrongAdmin = api.post("/api/admin/agents", "flt_wrong", valid.formatted("x"));
    assertThat(wrongAdmin.status()).isEqualTo(401);
    assertThat(wrongAdmin.contentType()).startsWith("application/problem+json");
    assertThat(api.post("/api/admin/agents", null, valid.formatted("x")).status()).isEqualTo(401);

    Api.Answer malformedJson = api.post("/api/admin/agents", platform.adminToken, "{\"agent_id\":");
    assertThat(malformedJson.status()).isEqualTo(400);
    assertThat(malformedJson.contentType()).startsWith("application/problem+json");

    Api.Answer missingToken =
        api.post(
            "/api/admin/agents", platform.adminToken, "{\"agent_id\":\"eight\",\"name\":\"E\"}");
    assertThat(missingToken.status()).isEqualTo(400);
    assertThat(missingToken.body()).contains("bot_token");

    Api.Answer malformedToken =
        api.post("/api/admin/agents", platform.adminToken, valid.formatted("0123:short"));
    assertThat(malformedToken.status()).isEqualTo(400);
    assertThat(malformedToken.json().path("field").asText()).isEqualTo("bot_token");

    Api.Answer refusedByGetMe =
        api.post(
            "/api/admin/agents", platform.adminToken, valid.formatted(unknownToTelegram.token()));
    assertThat(refusedByGetMe.status()).as(refusedByGetMe.body()).isEqualTo(400);
    assertThat(refusedByGetMe.json().path("type").asText()).endsWith("/bot-token-rejected");
    assertThat(refusedByGetMe.body()).doesNotContain(secretOf(unknownToTelegram));

    BotHandle anotherBot = telegram.registerBot("another_bot");
    Api.Answer takenAgentId =
        api.post(
            "/api/admin/agents",
            platform.adminToken,
            """
            {"agent_id": "seven", "name": "Again", "bot_token": "%s"}
            """
                .formatted(anotherBot.token()));
    assertThat(takenAgentId.status()).isEqualTo(409);

    assertThat(api.get("/api/admin/bots/eight", platform.adminToken).status()).isEqualTo(404);
    assertThat(outboxRows()).as("no event for a refused request").isEqualTo(eventsBefore);
  }

  @Test
  @Order(4)
  void changeMadeWhileKafkaIsDownCommitsAndItsEventGoesOutWhenKafkaIsBack() throws Exception {
    BotHandle eightBot = telegram.registerBot("eight_shop_bot");
    kafka.stop();
    try {
      Api.Answer created =
          api.post(
              "/api/admin/agents",
              platform.adminToken,
              """
              {"agent_id": "eight", "name": "Eight Shop", "bot_token": "%s"}
              """
                  .formatted(eightBot.token()));
      assertThat(created.status()).as(created.body()).isEqualTo(201);

      Thread.sleep(3_000);
      // The fleet's periodic reconciliation may start the bot meanwhile; the event still waits.
      assertThat(unsentOutboxRows()).as("AgentCreated waits in the outbox").isEqualTo(1);
    } finally {
      kafka.start();
    }

    await().atMost(Duration.ofSeconds(90)).until(() -> unsentOutboxRows() == 0);
    telegram.userSendsText(eightBot.token(), CUSTOMER, "/start");
    telegram.awaitMessage(
        eightBot.token(),
        CUSTOMER.id(),
        message -> message.text() != null && message.text().contains("Eight Shop"),
        Duration.ofSeconds(60));
  }

  @Test
  @Order(5)
  void unreachableBotApiAnswers503AndStoresNothing() throws Exception {
    BotHandle nineBot = telegram.registerBot("nine_shop_bot");
    long eventsBefore = outboxRows();
    telegram.close();

    Api.Answer created =
        api.post(
            "/api/admin/agents",
            platform.adminToken,
            """
            {"agent_id": "nine", "name": "Nine", "bot_token": "%s"}
            """
                .formatted(nineBot.token()));

    assertThat(created.status()).as(created.body()).isEqualTo(503);
    assertThat(api.get("/api/admin/bots/nine", platform.adminToken).status()).isEqualTo(404);
    assertThat(outboxRows()).isEqualTo(eventsBefore);
  }

  private static String secretOf(BotHandle bot) {
    return bot.token().substring(bot.token().indexOf(':') + 1);
  }

  private static long outboxRows() throws SQLException {
    return count("select count(*) from outbox_event");
  }

  private static long unsentOutboxRows() throws SQLException {
    return count("select count(*) from outbox_event where sent_at is null");
  }

  private static long count(String sql) throws SQLException {
    TestDatabase database = platform.credentialDatabase;
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
