package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiClient.Answer;
import io.flotilla.testkit.telegram.WebhookReceiver.Delivery;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
  private static final TelegramUser CAROL = new TelegramUser(3001, "Carol", null, null);
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static TelegramBotApiEmulator emulator;
  private static BotApiClient client;
  private WebhookReceiver receiver;

  @BeforeAll
  static void start() {
    emulator = TelegramBotApiEmulator.start(0);
    client = new BotApiClient(emulator.baseUrl());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void startReceiver() {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void deliveriesCarryTheSecretAndFailedOnesAreRetried() throws Exception {
    String token = emulator.registerBot("hooked_bot").token();
    receiver.answerNext(500, "");
    Answer set =
        client.form(
            token, "setWebhook", Map.of("url", receiver.url(), "secret_token", "s3cr3t_-X"));

    emulator.userSendsText(token, CAROL, "hello");

    Delivery failed = receiver.next(WAIT);
    Delivery retried = receiver.next(WAIT);
    assertThat(set.description()).isEqualTo("Webhook was set");
    assertThat(failed.headers().getFirst("X-Telegram-Bot-Api-Secret-Token")).isEqualTo("s3cr3t_-X");
    assertThat(failed.headers().getFirst("Content-Type")).startsWith("application/json");
    assertThat(retried.update()).isEqualTo(failed.update());
    assertThat(retried.update().at("/message/text").asText()).isEqualTo("hello");
    JsonNode info = awaitNoPendingUpdates(token);
    assertThat(info.get("url").asText()).isEqualTo(receiver.url());
    assertThat(info.get("has_custom_certificate").asBoolean()).isFalse();
    assertThat(info.get("max_connections").asInt()).isEqualTo(40);
    assertThat(info.get("ip_address").asText()).isEqualTo("127.0.0.1");
    assertThat(info.get("last_error_message").asText())
        .isEqualTo("Wrong response from the webhook: 500 Internal Server Error");
    assertThat(info.get("last_error_date").asLong()).isPositive();
  }

  @Test
  void updatesStayQueuedWhileTheWebhookIsUnreachable() throws Exception {
    String token = emulator.registerBot("unreachable_bot").token();
    client.form(token, "setWebhook", Map.of("url", "http://127.0.0.1:1/hook"));
    emulator.userSendsText(token, CAROL, "queued");

    JsonNode info = awaitWebhookError(token);
    Answer deleted = client.form(token, "deleteWebhook", Map.of());
    Answer deletedAgain = client.form(token, "deleteWebhook", Map.of());
    Answer polled = client.form(token, "getUpdates", Map.of());

    assertThat(info.get("pending_update_count").asInt()).isEqualTo(1);
    assertThat(info.get("last_error_message").asText()).isEqualTo("Connection refused");
    assertThat(deleted.description()).isEqualTo("Webhook was deleted");
    assertThat(deletedAgain.description()).isEqualTo("Webhook is already deleted");
    assertThat(polled.result().get(0).at("/message/text").asText()).isEqualTo("queued");
  }

  @Test
  void secretTokensAreRestrictedToUrlSafeCharacters() {
    String token = emulator.registerBot("secretive_bot").token();

    Answer invalid =
        client.form(token, "setWebhook", Map.of("url", receiver.url(), "secret_token", "a+b/c="));
    Answer tooLong =
        client.form(
            token, "setWebhook", Map.of("url", receiver.url(), "secret_token", "a".repeat(257)));

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.description())
        .isEqualTo("Bad Request: secret token contains unallowed characters");
    // setWebhook with a URL may be called once per second, as on Telegram.
    assertThat(tooLong.status()).isEqualTo(429);
    assertThat(tooLong.body().at("/parameters/retry_after").asInt()).isEqualTo(1);
    assertThat(client.form(token, "getWebhookInfo", Map.of()).result().get("url").asText())
        .isEmpty();
  }

  @Test
  void webhookResponsesMayCallAMethod() throws Exception {
    String token = emulator.registerBot("answering_bot").token();
    client.form(token, "setWebhook", Map.of("url", receiver.url()));
    receiver.answerNext(
        200, "{\"method\":\"sendMessage\",\"chat_id\":%d,\"text\":\"pong\"}".formatted(CAROL.id()));

    emulator.userSendsText(token, CAROL, "ping");

    receiver.next(WAIT);
    SentMessage reply =
        emulator.awaitMessage(token, CAROL.id(), sent -> sent.text().equals("pong"), WAIT);
    assertThat(reply.message().from().isBot()).isTrue();
    assertThat(emulator.requestCount(token, "sendMessage")).isEqualTo(1);
  }

  @Test
  void redeliveredUpdatesKeepTheirUpdateId() throws Exception {
    String token = emulator.registerBot("at_least_once_bot").token();
    client.form(token, "setWebhook", Map.of("url", receiver.url()));
    emulator.userSendsText(token, CAROL, "pay 10");
    Delivery first = receiver.next(WAIT);

    emulator.redeliverUpdate(token, first.update().get("update_id").asLong());

    Delivery duplicate = receiver.next(WAIT);
    assertThat(duplicate.update()).isEqualTo(first.update());
  }

  private static JsonNode awaitNoPendingUpdates(String token) throws InterruptedException {
    return awaitWebhookInfo(token, info -> info.get("pending_update_count").asInt() == 0);
  }

  private static JsonNode awaitWebhookError(String token) throws InterruptedException {
    return awaitWebhookInfo(token, info -> info.has("last_error_date"));
  }

  private static JsonNode awaitWebhookInfo(
      String token, java.util.function.Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode info = client.form(token, "getWebhookInfo", Map.of()).result();
    while (!condition.test(info) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      info = client.form(token, "getWebhookInfo", Map.of()).result();
    }
    assertThat(condition.test(info)).as(info.toString()).isTrue();
    return info;
  }
}
