package io.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user brings their own bot, as a person does it, against the five real services: signs in with
 * the Telegram Login Widget (signed with the master bot's token, checked by the platform), creates
 * the bot with a token from BotFather, verifies it, sets a welcome; people who write to the bot
 * reach the owner and the owner's replies reach them; removing the bot stops it.
 */
class UserBotE2eTest {

  private static final Duration SOON = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static E2eStack stack;
  private static TelegramBotApiEmulator telegram;
  private static FlotillaPlatform platform;

  private String sessionCookie;
  private String csrfToken;

  @BeforeAll
  static void startPlatform() throws Exception {
    stack = E2eStack.start();
    telegram = stack.telegram;
    platform = stack.platform;
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aUserSignsInBringsTheirBotAndTalksThroughIt() throws Exception {
    BotHandle master = telegram.registerBot("flotilla_login_bot");
    HttpResponse<String> registered =
        call(
            "PUT",
            "/api/admin/master/bot",
            "{\"bot_token\": \"" + master.token() + "\"}",
            Map.of("Authorization", "Bearer " + platform.adminToken));
    assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
    TelegramUser olga = new TelegramUser(630001, "Olga", "olga", "en");
    TelegramUser guest = new TelegramUser(630002, "Gus", "gus", "en");

    signIn(master, olga);
    BotHandle own = telegram.registerBot("olgas_desk_bot");
    JsonNode created =
        userCall("POST", "/api/user-bot/create", "{\"bot_token\": \"" + own.token() + "\"}");
    assertThat(created.path("status").asText()).isEqualTo("pending");
    assertThat(created.path("bot_username").asText()).isEqualTo("olgas_desk_bot");
    assertThat(created.toString()).doesNotContain(own.token());
    assertThat(userCall("POST", "/api/user-bot/verify", "{}").path("status").asText())
        .isEqualTo("active");
    assertThat(userCall("GET", "/api/user-bot/status", null).path("status").asText())
        .isEqualTo("active");
    await().atMost(SOON).until(() -> telegram.requestCount(own.token(), "getUpdates") > 0);
    userCall(
        "PUT",
        "/api/user-bot/settings",
        "{\"welcome_text\": \"Olga's desk: write, I answer.\", \"commands\": []}");

    telegram.userSendsText(own.token(), olga, "/start");
    telegram.awaitMessage(
        own.token(), olga.id(), m -> m.text().startsWith("Olga's desk: write, I answer."), SOON);
    telegram.userSendsText(own.token(), guest, "/start");
    telegram.awaitMessage(
        own.token(), guest.id(), m -> m.text().equals("Olga's desk: write, I answer."), SOON);
    telegram.userSendsText(own.token(), guest, "Is the shop open on Sunday?");
    SentMessage relayed =
        telegram.awaitMessage(
            own.token(), olga.id(), m -> m.text().equals("Is the shop open on Sunday?"), SOON);
    telegram.userRepliesTo(own.token(), olga, relayed.messageId(), "Yes, from ten.");
    telegram.awaitMessage(own.token(), guest.id(), m -> m.text().equals("Yes, from ten."), SOON);

    assertThat(userCall("DELETE", "/api/user-bot/remove", null).path("status").asText())
        .isEqualTo("removed");
    // A stopped bot no longer polls: no getUpdates for longer than a long poll lasts.
    await()
        .atMost(SOON)
        .until(
            () -> {
              int before = telegram.requestCount(own.token(), "getUpdates");
              Thread.sleep(7_000);
              return telegram.requestCount(own.token(), "getUpdates") == before;
            });
    assertThat(userCall("GET", "/api/user-bot/status", null).path("has_bot").asBoolean()).isFalse();
  }

  /** The Login Widget's fields, signed as Telegram signs them with the login bot's token. */
  private void signIn(BotHandle loginBot, TelegramUser person) throws Exception {
    Map<String, String> fields = new TreeMap<>();
    fields.put("id", String.valueOf(person.id()));
    fields.put("first_name", person.firstName());
    fields.put("username", person.username());
    fields.put("auth_date", String.valueOf(Instant.now().getEpochSecond()));
    String checkString =
        fields.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            MessageDigest.getInstance("SHA-256")
                .digest(loginBot.token().getBytes(StandardCharsets.UTF_8)),
            "HmacSHA256"));
    fields.put(
        "hash",
        HexFormat.of().formatHex(mac.doFinal(checkString.getBytes(StandardCharsets.UTF_8))));
    HttpResponse<String> signedIn =
        call("POST", "/api/auth/telegram/login-widget", JSON.writeValueAsString(fields), Map.of());
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    sessionCookie =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(cookie -> cookie.startsWith("flotilla_session="))
            .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
            .findFirst()
            .orElseThrow();
    csrfToken = JSON.readTree(signedIn.body()).path("csrf_token").asText();
  }

  private JsonNode userCall(String method, String path, String body) throws Exception {
    HttpResponse<String> answer =
        call(method, path, body, Map.of("Cookie", sessionCookie, "X-CSRF-Token", csrfToken));
    assertThat(answer.statusCode())
        .as(method + " " + path + ": " + answer.body())
        .isBetween(200, 299);
    return answer.body() == null || answer.body().isBlank()
        ? JSON.nullNode()
        : JSON.readTree(answer.body());
  }

  private static HttpResponse<String> call(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(platform.gateway.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
