package io.flotilla.fleet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.fleet.support.FakeLedgerService;
import io.flotilla.fleet.support.FakeLedgerService.TopUp;
import io.flotilla.testkit.infra.InfraSettings;
import io.flotilla.testkit.infra.ServiceProcess;
import io.flotilla.testkit.infra.TestDatabase;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged fleet as its own process, killed the way a crash kills it (SIGKILL) in the middle of
 * a conversation and started again: the person's next message continues where they were, because
 * the step lives in PostgreSQL and nothing of it in the process.
 */
class FleetRestartIT {

  private static final String TOKEN = "fleet-restart-it-token";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TelegramUser ALICE = new TelegramUser(9901, "Alice", "alice", "en");

  private TelegramBotApiEmulator telegram;
  private FakeCredentialService credentials;
  private FakeLedgerService ledger;
  private TestDatabase database;
  private ServiceProcess fleet;

  @BeforeEach
  void start() throws Exception {
    telegram = TelegramBotApiEmulator.start(0);
    credentials = new FakeCredentialService();
    ledger = new FakeLedgerService();
    Map<String, String> properties = new HashMap<>();
    properties.putAll(credentials.start());
    properties.putAll(ledger.start());
    properties.put("flotilla.messaging.topic-prefix", "restart" + UUID.randomUUID() + ".");
    properties.put("flotilla.fleet.reconcile-every", "1s");
    properties.put("flotilla.fleet.long-poll-timeout", "2s");
    database = TestDatabase.create("fleet_restart");
    fleet =
        ServiceProcess.builder("bot-fleet-service", "FLOTILLA_FLEET_PORT")
            .environment(
                Map.of(
                    "FLOTILLA_SERVICE_TOKEN", TOKEN,
                    "FLOTILLA_TELEGRAM_API_URL", telegram.baseUrl(),
                    "FLOTILLA_KAFKA_BOOTSTRAP", InfraSettings.kafkaBootstrap()))
            .database(database)
            .systemProperties(properties)
            .logDirectory(Path.of("target", "restart-it"))
            .build()
            .start()
            .awaitReady();
  }

  @AfterEach
  void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (ledger != null) {
      ledger.stop();
    }
    if (credentials != null) {
      credentials.stop();
    }
    if (telegram != null) {
      telegram.close();
    }
    if (database != null) {
      database.drop();
    }
  }

  @Test
  void aConversationContinuesAfterTheFleetIsKilledAndStartedAgain() throws Exception {
    BotHandle bot = telegram.registerBot("restart_shop_bot");
    FakeCredentialService.put(
        new FakeCredentialService.Bot(
            "restart",
            TenantKind.AGENT,
            "Restart Shop",
            bot.id(),
            bot.username(),
            bot.token(),
            "active",
            30,
            10,
            List.of()));
    telegram.userSendsText(bot.token(), ALICE, "/topup");
    telegram.awaitMessage(
        bot.token(), ALICE.id(), m -> m.text().equals("How would you like to top up?"), WAIT);
    telegram.userPressesButtonLabelled(bot.token(), ALICE, "💳 Pay by transfer");
    telegram.awaitMessage(
        bot.token(), ALICE.id(), m -> m.text().startsWith("How much would you like to add?"), WAIT);

    fleet.kill();
    assertThat(fleet.awaitExit(Duration.ofSeconds(30))).as("the fleet died").isTrue();
    fleet.start().awaitReady();
    telegram.userSendsText(bot.token(), ALICE, "12.5");

    telegram.awaitMessage(
        bot.token(), ALICE.id(), m -> m.text().startsWith("Top-up of 12.50 USDT requested"), WAIT);
    assertThat(FakeLedgerService.topUps("restart", ALICE.id()))
        .extracting(TopUp::amount)
        .containsExactly(1_250L);
  }
}
