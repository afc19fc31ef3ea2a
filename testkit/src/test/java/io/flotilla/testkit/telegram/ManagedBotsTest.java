package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiClient.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManagedBotsTest {
  private static final TelegramUser BOB = new TelegramUser(9601, "Bob", "bob", "de");
  private static final TelegramUser ALICE = new TelegramUser(9602, "Alice", "alice", "en");
  private static TelegramBotApiEmulator emulator;
  private static BotApiClient client;

  @BeforeAll
  static void start() {
    emulator = TelegramBotApiEmulator.start(0);
    client = new BotApiClient(emulator.baseUrl());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void aUserCreatesABotTheManagerGetsTheTokenOfAndRuns() {
    String manager = emulator.registerBot("factory_bot").token();
    boolean before =
        client.form(manager, "getMe", Map.of()).result().get("can_manage_bots").asBoolean();
    emulator.enableBotManagement(manager);

    BotHandle created = emulator.userCreatesManagedBot(manager, BOB, "Bob's Shop", "bobs_shop_bot");

    JsonNode managed =
        client.form(manager, "getUpdates", Map.of()).result().get(0).get("managed_bot");
    String token =
        client
            .form(manager, "getManagedBotToken", Map.of("user_id", created.id()))
            .result()
            .asText();
    JsonNode me = client.form(token, "getMe", Map.of()).result();
    emulator.userSendsText(token, ALICE, "hello new shop");
    JsonNode message = client.form(token, "getUpdates", Map.of()).result().get(0).get("message");

    assertThat(before).isFalse();
    assertThat(client.form(manager, "getMe", Map.of()).result().get("can_manage_bots").asBoolean())
        .isTrue();
    assertThat(managed.at("/user/id").asLong()).isEqualTo(BOB.id());
    assertThat(managed.at("/user/is_bot").asBoolean()).isFalse();
    assertThat(managed.at("/bot/id").asLong()).isEqualTo(created.id());
    assertThat(managed.at("/bot/is_bot").asBoolean()).isTrue();
    assertThat(managed.at("/bot/first_name").asText()).isEqualTo("Bob's Shop");
    assertThat(managed.at("/bot/username").asText()).isEqualTo("bobs_shop_bot");
    assertThat(token).isEqualTo(created.token()).startsWith(created.id() + ":");
    assertThat(me.get("id").asLong()).isEqualTo(created.id());
    assertThat(me.get("first_name").asText()).isEqualTo("Bob's Shop");
    assertThat(message.get("text").asText()).isEqualTo("hello new shop");
  }

  @Test
  void replacingTheTokenRevokesTheOldOneAndKeepsWaitingUpdates() throws Exception {
    String manager = emulator.registerBot("rotating_factory_bot").token();
    emulator.enableBotManagement(manager);
    BotHandle created = emulator.userCreatesManagedBot(manager, BOB, "Rotor", "rotor_shop_bot");
    String oldToken = created.token();
    CompletableFuture<Answer> waitingPoll =
        client.formAsync(oldToken, "getUpdates", Map.of("timeout", 20));
    awaitCalls(oldToken, "getUpdates", 1);

    String newToken =
        client
            .form(manager, "replaceManagedBotToken", Map.of("user_id", created.id()))
            .result()
            .asText();
    emulator.userSendsText(newToken, ALICE, "after the rotation");

    assertThat(BotApiClient.join(waitingPoll).status()).isEqualTo(401);
    assertThat(newToken).isNotEqualTo(oldToken).startsWith(created.id() + ":");
    assertThat(client.form(oldToken, "getMe", Map.of()).status()).isEqualTo(401);
    assertThat(client.form(newToken, "getMe", Map.of()).status()).isEqualTo(200);
    assertThat(emulator.currentToken(created.id())).isEqualTo(newToken);
    assertThat(
            client
                .form(manager, "getManagedBotToken", Map.of("user_id", created.id()))
                .result()
                .asText())
        .isEqualTo(newToken);
    assertThat(
            client
                .form(newToken, "getUpdates", Map.of())
                .result()
                .get(0)
                .at("/message/text")
                .asText())
        .isEqualTo("after the rotation");
  }

  @Test
  void aManagerThatAsksOnlyForManagedBotUpdatesGetsThem() {
    String manager = emulator.registerBot("focused_factory_bot").token();
    emulator.enableBotManagement(manager);
    client.form(manager, "getUpdates", Map.of("allowed_updates", "[\"managed_bot\"]"));
    emulator.userSendsText(manager, BOB, "make me a bot");

    BotHandle created = emulator.userCreatesManagedBot(manager, BOB, "Focus", "focus_shop_bot");

    assertThat(emulator.updatesCreated(manager))
        .singleElement()
        .satisfies(update -> assertThat(update.managedBot().bot().id()).isEqualTo(created.id()));
  }

  @Test
  void onlyTheBotsItManagesHaveTokensForTheManager() {
    String manager = emulator.registerBot("strict_factory_bot").token();
    BotHandle stranger = emulator.registerBot("stranger_shop_bot");
    emulator.userSendsText(manager, BOB, "hi");

    Answer noUser = client.form(manager, "getManagedBotToken", Map.of());
    Answer human = client.form(manager, "getManagedBotToken", Map.of("user_id", BOB.id()));
    Answer unknown =
        client.form(manager, "replaceManagedBotToken", Map.of("user_id", stranger.id()));

    assertThat(noUser.description()).isEqualTo("Bad Request: invalid user_id specified");
    assertThat(human.description()).isEqualTo("Bad Request: user is not a bot");
    assertThat(unknown.description()).isEqualTo("Bad Request: user not found");
    assertThat(client.form(stranger.token(), "getMe", Map.of()).status()).isEqualTo(200);
    assertThatThrownBy(() -> emulator.userCreatesManagedBot(manager, BOB, "Shop", "new_shop_bot"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MANAGER_PERMISSION_MISSING");
    emulator.enableBotManagement(manager);
    assertThatThrownBy(
            () -> emulator.userCreatesManagedBot(manager, BOB, "Shop", "stranger_shop_bot"))
        .hasMessageContaining("USERNAME_OCCUPIED");
    assertThatThrownBy(
            () -> emulator.userCreatesManagedBot(manager, BOB, "n".repeat(65), "long_name_bot"))
        .hasMessageContaining("NAME_INVALID");
    assertThatThrownBy(() -> emulator.userCreatesManagedBot(manager, BOB, "Shop", "shop"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void awaitCalls(String token, String method, int calls)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (emulator.requestCount(token, method) < calls && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(100);
  }
}
