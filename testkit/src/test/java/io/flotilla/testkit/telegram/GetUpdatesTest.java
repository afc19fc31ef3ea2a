package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiClient.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GetUpdatesTest {
  private static final TelegramUser ALICE = new TelegramUser(7001, "Alice", "alice", "en");
  private static final String OTHER_GET_UPDATES =
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
          + " running";
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
  void userMessagesArriveAsMessageUpdatesWithCommandEntities() {
    String token = emulator.registerBot("commands_bot").token();

    emulator.userSendsText(token, ALICE, "/start promo");

    JsonNode update = client.form(token, "getUpdates", Map.of()).result().get(0);
    JsonNode message = update.get("message");
    assertThat(update.get("update_id").asLong()).isPositive();
    assertThat(message.get("text").asText()).isEqualTo("/start promo");
    assertThat(message.get("entities").get(0).toString())
        .isEqualTo("{\"type\":\"bot_command\",\"offset\":0,\"length\":6}");
    assertThat(message.at("/from/is_bot").asBoolean()).isFalse();
    assertThat(message.at("/from/language_code").asText()).isEqualTo("en");
    assertThat(message.at("/chat/id").asLong()).isEqualTo(ALICE.id());
    assertThat(message.at("/chat/type").asText()).isEqualTo("private");
    assertThat(message.get("date").asLong())
        .isCloseTo(System.currentTimeMillis() / 1000, within(5L));
  }

  @Test
  void offsetConfirmsEarlierUpdatesAndLimitCapsTheBatch() {
    String token = emulator.registerBot("offset_bot").token();
    for (String text : List.of("one", "two", "three")) {
      emulator.userSendsText(token, ALICE, text);
    }

    Answer firstTwo = client.form(token, "getUpdates", Map.of("limit", 2));
    long firstId = firstTwo.result().get(0).get("update_id").asLong();
    Answer afterConfirming = client.form(token, "getUpdates", Map.of("offset", firstId + 2));
    Answer withoutOffset = client.form(token, "getUpdates", Map.of());

    assertThat(texts(firstTwo)).containsExactly("one", "two");
    assertThat(firstTwo.result().get(1).get("update_id").asLong()).isEqualTo(firstId + 1);
    assertThat(texts(afterConfirming)).containsExactly("three");
    assertThat(texts(withoutOffset)).containsExactly("three");
  }

  @Test
  void negativeOffsetKeepsOnlyTheLastUpdates() {
    String token = emulator.registerBot("negative_offset_bot").token();
    for (String text : List.of("one", "two", "three")) {
      emulator.userSendsText(token, ALICE, text);
    }

    Answer last = client.form(token, "getUpdates", Map.of("offset", -1));
    Answer remaining = client.form(token, "getUpdates", Map.of());

    assertThat(texts(last)).containsExactly("three");
    assertThat(texts(remaining)).containsExactly("three");
  }

  @Test
  void longPollReturnsAsSoonAsAMessageArrives() throws Exception {
    String token = emulator.registerBot("long_poll_bot").token();
    long start = System.nanoTime();
    CompletableFuture<Answer> poll = client.formAsync(token, "getUpdates", Map.of("timeout", 20));
    awaitWaitingPoll(token, 1);

    emulator.userSendsText(token, ALICE, "wake up");

    Answer answer = BotApiClient.join(poll);
    assertThat(texts(answer)).containsExactly("wake up");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void longPollAnswersAnEmptyListWhenTheTimeoutExpires() {
    String token = emulator.registerBot("timeout_bot").token();
    client.form(token, "getMe", Map.of());
    long start = System.nanoTime();

    Answer answer = client.form(token, "getUpdates", Map.of("timeout", 1));

    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.result().isArray()).isTrue();
    assertThat(answer.result()).isEmpty();
    assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
  }

  @Test
  void aSecondPollTerminatesTheWaitingOneWithAConflict() throws Exception {
    String token = emulator.registerBot("twin_instances_bot").token();
    CompletableFuture<Answer> first = client.formAsync(token, "getUpdates", Map.of("timeout", 20));
    awaitWaitingPoll(token, 1);

    CompletableFuture<Answer> second = client.formAsync(token, "getUpdates", Map.of("timeout", 20));

    Answer terminated = BotApiClient.join(first);
    assertThat(terminated.status()).isEqualTo(409);
    assertThat(terminated.description()).isEqualTo(OTHER_GET_UPDATES);
    emulator.userSendsText(token, ALICE, "for the survivor");
    assertThat(texts(BotApiClient.join(second))).containsExactly("for the survivor");
  }

  @Test
  void revokingTheTokenFailsTheWaitingPoll() throws Exception {
    String token = emulator.registerBot("revoked_poll_bot").token();
    CompletableFuture<Answer> poll = client.formAsync(token, "getUpdates", Map.of("timeout", 20));
    awaitWaitingPoll(token, 1);

    emulator.revoke(token);

    Answer answer = BotApiClient.join(poll);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().toString())
        .isEqualTo("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
    assertThat(client.form(token, "getUpdates", Map.of()).status()).isEqualTo(401);
  }

  @Test
  void getUpdatesConflictsWithAnActiveWebhook() {
    String token = emulator.registerBot("webhook_conflict_bot").token();
    emulator.userSendsText(token, ALICE, "kept");
    client.form(token, "setWebhook", Map.of("url", "http://127.0.0.1:1/hook"));

    Answer conflict = client.form(token, "getUpdates", Map.of());
    client.form(token, "deleteWebhook", Map.of());
    Answer afterDelete = client.form(token, "getUpdates", Map.of("offset", 1));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.description())
        .isEqualTo(
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to"
                + " delete the webhook first");
    assertThat(texts(afterDelete)).containsExactly("kept");
  }

  @Test
  void setWebhookTerminatesTheWaitingPoll() throws Exception {
    String token = emulator.registerBot("switching_bot").token();
    CompletableFuture<Answer> poll = client.formAsync(token, "getUpdates", Map.of("timeout", 20));
    awaitWaitingPoll(token, 1);

    Answer set = client.form(token, "setWebhook", Map.of("url", "http://127.0.0.1:1/hook"));

    assertThat(set.body().toString())
        .isEqualTo("{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}");
    Answer terminated = BotApiClient.join(poll);
    assertThat(terminated.status()).isEqualTo(409);
    assertThat(terminated.description()).isEqualTo("Conflict: terminated by setWebhook request");
  }

  @Test
  void allowedUpdatesDropLaterUpdatesOfOtherTypes() {
    String token = emulator.registerBot("selective_bot").token();
    Answer subscribe =
        client.json(token, "getUpdates", Map.of("allowed_updates", List.of("my_chat_member")));

    emulator.userSendsText(token, ALICE, "not delivered");
    emulator.userBlocksBot(token, ALICE);

    Answer updates = client.form(token, "getUpdates", Map.of("offset", 1));
    assertThat(subscribe.result()).isEmpty();
    assertThat(updates.result()).hasSize(1);
    JsonNode change = updates.result().get(0).get("my_chat_member");
    assertThat(change.at("/old_chat_member/status").asText()).isEqualTo("member");
    assertThat(change.at("/new_chat_member/status").asText()).isEqualTo("kicked");
    assertThat(change.at("/new_chat_member/user/is_bot").asBoolean()).isTrue();
    assertThat(client.form(token, "getWebhookInfo", Map.of()).result().toString())
        .contains("\"allowed_updates\":[\"my_chat_member\"]");
  }

  @Test
  void aRedeliveredUpdateReachesAPollingBotOnceMoreDespiteItsOffset() {
    String token = emulator.registerBot("duplicate_poll_bot").token();
    emulator.userSendsText(token, ALICE, "pay 5");
    JsonNode delivered = client.form(token, "getUpdates", Map.of()).result().get(0);
    long updateId = delivered.get("update_id").asLong();

    emulator.redeliverUpdate(token, updateId);
    Answer again = client.form(token, "getUpdates", Map.of("offset", updateId + 1));
    emulator.userSendsText(token, ALICE, "next");
    Answer afterwards = client.form(token, "getUpdates", Map.of("offset", updateId + 1));

    assertThat(again.result()).singleElement().isEqualTo(delivered);
    assertThat(texts(afterwards)).containsExactly("next");
  }

  @Test
  void aRedeliveryWakesAWaitingPoll() throws Exception {
    String token = emulator.registerBot("woken_duplicate_bot").token();
    emulator.userSendsText(token, ALICE, "once");
    long updateId =
        client.form(token, "getUpdates", Map.of()).result().get(0).get("update_id").asLong();
    CompletableFuture<Answer> poll =
        client.formAsync(token, "getUpdates", Map.of("offset", updateId + 1, "timeout", 20));
    awaitWaitingPoll(token, 2);

    emulator.redeliverUpdate(token, updateId);

    Answer answer = BotApiClient.join(poll);
    assertThat(answer.result())
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.get("update_id").asLong()).isEqualTo(updateId);
              assertThat(update.at("/message/text").asText()).isEqualTo("once");
            });
  }

  /** Waits until the emulator counted this many getUpdates calls, then lets it start waiting. */
  private static void awaitWaitingPoll(String token, int calls) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (emulator.requestCount(token, "getUpdates") < calls && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(100);
  }

  private static List<String> texts(Answer answer) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    return StreamSupport.stream(answer.result().spliterator(), false)
        .map(update -> update.at("/message/text").asText())
        .toList();
  }
}
