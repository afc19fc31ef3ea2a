package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiClient.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BotApiAccessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TelegramUser ALICE = new TelegramUser(5001, "Alice", "alice", "en");
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
  void tokensLookLikeTelegramTokensAndCarryTheBotId() {
    BotHandle bot = emulator.registerBot("tokens_bot");

    assertThat(bot.token()).matches("[1-9]\\d{7,9}:[A-Za-z0-9_-]{35}");
    assertThat(bot.token()).startsWith(bot.id() + ":");
    assertThat(emulator.registerBot(4242L, "fixed_id_bot").token()).startsWith("4242:");
    assertThatThrownBy(() -> emulator.registerBot(4242L, "other_bot"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emulator.registerBot("shop")).hasMessageContaining("end in \"bot\"");
  }

  @Test
  void getMeDescribesTheBotWhateverTheRequestStyle() {
    BotHandle bot = emulator.registerBot("Describe_Bot");

    for (Answer answer :
        List.of(
            client.query(bot.token(), "getMe", Map.of()),
            client.form(bot.token(), "getMe", Map.of()),
            client.json(bot.token(), "getMe", Map.of()),
            client.form(bot.token(), "GETME", Map.of()))) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body().get("ok").asBoolean()).isTrue();
      JsonNode me = answer.result();
      assertThat(me.get("id").asLong()).isEqualTo(bot.id());
      assertThat(me.get("is_bot").asBoolean()).isTrue();
      assertThat(me.get("first_name").asText()).isEqualTo("Describe_Bot");
      assertThat(me.get("username").asText()).isEqualTo("Describe_Bot");
      assertThat(me.get("can_join_groups").asBoolean()).isTrue();
      assertThat(me.get("can_read_all_group_messages").asBoolean()).isFalse();
      assertThat(me.get("supports_inline_queries").asBoolean()).isFalse();
      assertThat(me.has("last_name")).isFalse();
    }
  }

  @Test
  void malformedTokensAreNotFoundAndUnknownOnesUnauthorized() {
    Answer malformed = client.get("/botnot-a-token/getMe");
    Answer noMethodSeparator = client.get("/bot123:abc");
    Answer unknown = client.form("123456:unknownSecretOfAnyLength", "getMe", Map.of());

    assertThat(malformed.status()).isEqualTo(404);
    assertThat(malformed.body())
        .isEqualTo(json("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));
    assertThat(noMethodSeparator.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body())
        .isEqualTo(json("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
  }

  @Test
  void unknownMethodsAreNotFound() {
    String token = emulator.registerBot("methods_bot").token();

    Answer answer = client.form(token, "sendTelepathy", Map.of());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.description()).isEqualTo("Not Found");
  }

  @Test
  void revokedTokensAreUnauthorized() {
    String token = emulator.registerBot("revoked_bot").token();
    assertThat(client.form(token, "getMe", Map.of()).status()).isEqualTo(200);

    emulator.revoke(token);

    Answer answer = client.form(token, "getMe", Map.of());
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.description()).isEqualTo("Unauthorized");
    assertThat(emulator.requestCount(token, "getMe")).isEqualTo(2);
  }

  @Test
  void injectedTooManyRequestsCarryRetryAfter() {
    String token = emulator.registerBot("flood_bot").token();
    emulator.injectTooManyRequests(token, 7, 2);

    Answer first = client.form(token, "getMe", Map.of());
    Answer second = client.form(token, "getWebhookInfo", Map.of());
    Answer third = client.form(token, "getMe", Map.of());

    assertThat(first.status()).isEqualTo(429);
    assertThat(first.body())
        .isEqualTo(
            json(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after"
                    + " 7\",\"parameters\":{\"retry_after\":7}}"));
    assertThat(first.retryAfter()).isEqualTo("7");
    assertThat(second.status()).isEqualTo(429);
    assertThat(third.status()).isEqualTo(200);
    assertThat(emulator.requestCount(token, "getMe")).isEqualTo(2);
  }

  @Test
  void tooManyRequestsCanTargetOneMethod() {
    String token = emulator.registerBot("flood_method_bot").token();
    emulator.userSendsText(token, ALICE, "hi");
    emulator.injectTooManyRequests(token, "sendMessage", 3, 1);

    Answer other = client.form(token, "getMe", Map.of());
    Answer limited = client.form(token, "sendMessage", Map.of("chat_id", ALICE.id(), "text", "a"));
    Answer retried = client.form(token, "sendMessage", Map.of("chat_id", ALICE.id(), "text", "a"));

    assertThat(other.status()).isEqualTo(200);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body().at("/parameters/retry_after").asInt()).isEqualTo(3);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(emulator.requestCount(token, "sendMessage")).isEqualTo(2);
    assertThat(emulator.messagesTo(token, ALICE.id())).hasSize(1);
  }

  @Test
  void parametersArriveThroughQueryFormJsonAndMultipart() {
    String token = emulator.registerBot("styles_bot").token();
    emulator.userSendsText(token, ALICE, "hi");
    String keyboard = "{\"inline_keyboard\":[[{\"text\":\"Go\",\"callback_data\":\"go\"}]]}";

    Answer query =
        client.query(
            token,
            "sendMessage",
            Map.of("chat_id", ALICE.id(), "text", "via query & +plus", "reply_markup", keyboard));
    Answer form =
        client.form(
            token,
            "sendMessage",
            Map.of("chat_id", ALICE.id(), "text", "via form", "reply_markup", keyboard));
    Answer jsonBody =
        client.json(
            token,
            "sendMessage",
            Map.of("chat_id", ALICE.id(), "text", "via json", "reply_markup", json(keyboard)));
    Answer multipart =
        client.multipart(
            token,
            "sendDocument",
            Map.of("chat_id", Long.toString(ALICE.id()), "caption", "via multipart"),
            "document",
            "notes.txt",
            "content".getBytes(StandardCharsets.UTF_8));

    assertThat(List.of(query, form, jsonBody, multipart))
        .allSatisfy(
            answer -> assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200));
    assertThat(query.result().get("text").asText()).isEqualTo("via query & +plus");
    assertThat(form.result().get("reply_markup")).isEqualTo(json(keyboard));
    assertThat(jsonBody.result().get("reply_markup")).isEqualTo(json(keyboard));
    assertThat(multipart.result().get("caption").asText()).isEqualTo("via multipart");
    assertThat(emulator.messagesTo(token, ALICE.id()))
        .extracting(SentMessage::text)
        .containsExactly("via query & +plus", "via form", "via json", "via multipart");
  }

  @Test
  void longParametersFitInEveryEncoding() {
    String token = emulator.registerBot("verbose_bot").token();
    emulator.userSendsText(token, ALICE, "hi");
    String text = "я".repeat(4096);

    Answer form = client.form(token, "sendMessage", Map.of("chat_id", ALICE.id(), "text", text));
    Answer multipart =
        client.multipart(
            token,
            "sendDocument",
            Map.of("chat_id", Long.toString(ALICE.id()), "caption", "я".repeat(1024)),
            "document",
            "big.bin",
            new byte[3 * 1024 * 1024]);

    assertThat(form.status()).as(form.body().toString()).isEqualTo(200);
    assertThat(form.result().get("text").asText()).isEqualTo(text);
    assertThat(multipart.status()).as(multipart.body().toString()).isEqualTo(200);
    assertThat(multipart.result().get("caption").asText()).hasSize(1024);
    assertThat(multipart.result().at("/document/file_size").asLong()).isEqualTo(3 * 1024 * 1024);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
