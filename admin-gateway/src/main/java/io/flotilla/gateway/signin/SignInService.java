package io.flotilla.gateway.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.gateway.auth.ApiTokens;
import io.flotilla.gateway.auth.GatewayConfig;
import io.flotilla.gateway.forward.InternalForwarder;
import io.flotilla.gateway.forward.InternalForwarder.Service;
import io.flotilla.gateway.signin.TelegramSignatures.Flow;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs a person in with Telegram: the signature checked with the login bot's token, stale and
 * already used logins refused, the person created on first sign-in, a web session opened. Platform
 * admins (by Telegram id) get the admin role.
 */
@ApplicationScoped
public class SignInService {

  /** How far a clock ahead of ours may date a login. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final LoginSignatureVerifier signatures;
  private final SignInRepository repository;
  private final InternalForwarder forwarder;
  private final GatewayConfig config;
  private final Pool pool;
  private final ObjectMapper json;
  private final Clock clock;

  public SignInService(
      LoginSignatureVerifier signatures,
      SignInRepository repository,
      InternalForwarder forwarder,
      GatewayConfig config,
      Pool pool,
      ObjectMapper json,
      Clock clock) {
    this.signatures = signatures;
    this.repository = repository;
    this.forwarder = forwarder;
    this.config = config;
    this.pool = pool;
    this.json = json;
    this.clock = clock;
  }

  /** A session: the cookie's value, shown only to the browser, and what the page may know. */
  public record Session(String cookieValue, SignedIn signedIn) {}

  public Uni<Session> signIn(LoginWidgetRequest request) {
    Map<String, String> fields = request.signedFields();
    return signIn(
        Flow.LOGIN_WIDGET,
        TelegramSignatures.dataCheckString(fields),
        request.hash(),
        request.id(),
        request.username(),
        request.firstName(),
        request.authDate(),
        config.loginWidgetMaxAge());
  }

  public Uni<Session> signIn(MiniAppRequest request) {
    Map<String, String> fields = parseInitData(request.initData());
    String hash = fields.get("hash");
    JsonNode user = readUser(fields.get("user"));
    long authDate = parseAuthDate(fields.get("auth_date"));
    return signIn(
        Flow.MINI_APP,
        TelegramSignatures.dataCheckString(fields),
        hash,
        user.path("id").asLong(),
        user.hasNonNull("username") ? user.get("username").asText() : null,
        user.hasNonNull("first_name") ? user.get("first_name").asText() : null,
        authDate,
        config.miniAppMaxAge());
  }

  public Uni<Void> signOut(String cookieValue) {
    return repository.deleteSession(pool, ApiTokens.sha256(cookieValue));
  }

  private Uni<Session> signIn(
      Flow flow,
      String dataCheckString,
      String hash,
      long telegramId,
      String username,
      String firstName,
      long authDate,
      Duration maxAge) {
    if (hash == null || telegramId <= 0) {
      return Uni.createFrom().failure(refused("The login data is incomplete"));
    }
    Instant now = clock.instant();
    Instant signedAt = Instant.ofEpochSecond(authDate);
    if (signedAt.isBefore(now.minus(maxAge)) || signedAt.isAfter(now.plus(CLOCK_SKEW))) {
      return Uni.createFrom().failure(refused("The login is too old; sign in again"));
    }
    return signatures
        .valid(flow, dataCheckString, hash)
        .chain(
            valid -> {
              if (!valid) {
                throw refused("The login is not signed by the login bot");
              }
              return isPlatformAdmin(telegramId);
            })
        .chain(
            admin ->
                open(hash, signedAt.plus(maxAge), telegramId, username, firstName, admin, now));
  }

  private Uni<Session> open(
      String hash,
      Instant loginExpiresAt,
      long telegramId,
      String username,
      String firstName,
      boolean admin,
      Instant now) {
    String cookieValue = ApiTokens.newSecret();
    String csrfToken = ApiTokens.newSecret();
    String role = admin ? "admin" : "user";
    Instant expiresAt = now.plus(config.sessionTtl());
    return pool.withTransaction(
        sql ->
            repository
                .rememberLogin(
                    sql, ApiTokens.sha256(hash.toLowerCase()), loginExpiresAt.plus(CLOCK_SKEW))
                .chain(
                    fresh -> {
                      if (!fresh) {
                        throw refused("This login was used already; sign in again");
                      }
                      return repository.upsertUser(sql, telegramId, username, firstName);
                    })
                .chain(
                    () ->
                        repository.insertSession(
                            sql,
                            ApiTokens.sha256(cookieValue),
                            telegramId,
                            role,
                            csrfToken,
                            expiresAt))
                .map(
                    ignored ->
                        new Session(
                            cookieValue,
                            new SignedIn(
                                Long.toString(telegramId),
                                telegramId,
                                UserIds.tenantOf(telegramId),
                                role,
                                csrfToken,
                                expiresAt))));
  }

  private Uni<Boolean> isPlatformAdmin(long telegramId) {
    return forwarder
        .call(Service.CREDENTIAL, HttpMethod.GET, "/internal/platform-admins", null, Map.of(), null)
        .map(
            answer -> {
              if (answer.statusCode() != 200) {
                throw ProblemException.unavailable(
                    "dependency-unavailable", "Platform admins could not be read; try again");
              }
              JsonArray ids =
                  answer.bodyAsJsonObject().getJsonArray("telegram_ids", new JsonArray());
              return ids.stream()
                  .anyMatch(id -> id instanceof Number n && n.longValue() == telegramId);
            });
  }

  /** initData is a URL query string; each value is percent-decoded before it is checked. */
  static Map<String, String> parseInitData(String initData) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : initData.split("&")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw refused("The Mini App data is malformed");
      }
      try {
        String key = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
        String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        if (fields.put(key, value) != null) {
          throw refused("The Mini App data names a field twice");
        }
      } catch (IllegalArgumentException e) {
        throw refused("The Mini App data is malformed");
      }
    }
    return fields;
  }

  private JsonNode readUser(String user) {
    if (user == null) {
      throw refused("The Mini App data names no user");
    }
    try {
      JsonNode node = json.readTree(user);
      if (!node.path("id").canConvertToLong()) {
        throw refused("The Mini App data names no user");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw refused("The Mini App data is malformed");
    }
  }

  private static long parseAuthDate(String authDate) {
    if (authDate == null || !authDate.matches("[0-9]{1,12}")) {
      throw refused("The Mini App data has no auth_date");
    }
    return Long.parseLong(authDate);
  }

  static ProblemException refused(String detail) {
    return new ProblemException(401, "login-refused", "Unauthenticated", detail);
  }
}
