package io.flotilla.gateway.support;

import static io.restassured.RestAssured.given;

import io.flotilla.gateway.auth.SessionCookies;
import io.flotilla.gateway.signin.TelegramSignatures;
import io.flotilla.gateway.signin.TelegramSignatures.Flow;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Login data signed as Telegram signs it, and signed-in sessions for tests. */
public final class Logins {

  private Logins() {}

  /** A signed-in browser: its session cookie and CSRF token. */
  public record Browser(long telegramId, String session, String csrf) {}

  /** The Login Widget's fields for a person, signed with {@code botToken} at {@code authDate}. */
  public static JsonObject widget(long telegramId, Instant authDate, String botToken) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", Long.toString(telegramId));
    fields.put("first_name", "Ann");
    fields.put("username", "ann" + telegramId);
    fields.put("auth_date", Long.toString(authDate.getEpochSecond()));
    String hash =
        TelegramSignatures.sign(
            Flow.LOGIN_WIDGET, botToken, TelegramSignatures.dataCheckString(fields));
    return new JsonObject()
        .put("id", telegramId)
        .put("first_name", "Ann")
        .put("username", "ann" + telegramId)
        .put("auth_date", authDate.getEpochSecond())
        .put("hash", hash);
  }

  /** A Mini App's initData for a person, signed with {@code botToken} at {@code authDate}. */
  public static String initData(long telegramId, Instant authDate, String botToken) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("query_id", "AAH" + telegramId);
    fields.put(
        "user",
        new JsonObject()
            .put("id", telegramId)
            .put("first_name", "Bo")
            .put("language_code", "en")
            .encode());
    fields.put("auth_date", Long.toString(authDate.getEpochSecond()));
    fields.put(
        "hash",
        TelegramSignatures.sign(
            Flow.MINI_APP, botToken, TelegramSignatures.dataCheckString(fields)));
    return fields.entrySet().stream()
        .map(
            field ->
                field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public static Response postWidget(JsonObject fields) {
    return given()
        .contentType("application/json")
        .body(fields.encode())
        .when()
        .post("/api/auth/telegram/login-widget");
  }

  /** Signs a person in with the Login Widget and returns their browser. */
  public static Browser signIn(long telegramId) {
    Response response =
        postWidget(widget(telegramId, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN));
    response.then().statusCode(200);
    return new Browser(
        telegramId,
        response.getCookie(SessionCookies.SESSION),
        response.jsonPath().getString("csrf_token"));
  }
}
