package io.flotilla.gateway.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.flotilla.gateway.auth.SessionCookies;
import io.flotilla.gateway.support.FakeServices;
import io.flotilla.gateway.support.Logins;
import io.flotilla.gateway.support.Logins.Browser;
import io.flotilla.gateway.support.SignInProfile;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Signing in with Telegram: what is accepted, what is refused, and what a session may do. */
@QuarkusTest
@TestProfile(SignInProfile.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "gateway_signin"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class SignInTest {

  private static final String OTHER_BOT_TOKEN = "5550002:OTHER-bot-token-AAAAAAAAAAAAAAAAAAAAAA";
  private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000 + System.nanoTime() % 1000);

  @Inject Pool pool;

  private static long newPerson() {
    return NEXT_ID.incrementAndGet();
  }

  @Test
  void aSignedLoginCreatesThePersonAndASessionCookie() {
    long id = newPerson();
    var response =
        Logins.postWidget(Logins.widget(id, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN));

    response
        .then()
        .statusCode(200)
        .body("user_id", equalTo(Long.toString(id)))
        .body("tenant_id", equalTo("user:" + id))
        .body("role", equalTo("user"));
    String setCookie =
        response.getHeaders().getValues("Set-Cookie").stream()
            .filter(value -> value.startsWith(SessionCookies.SESSION + "="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .containsIgnoringCase("Max-Age=")
        .containsIgnoringCase("Path=/")
        .doesNotContainIgnoringCase("Secure");
    assertThat(personExists(id)).isTrue();

    given()
        .cookie(SessionCookies.SESSION, response.getCookie(SessionCookies.SESSION))
        .when()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("telegram_id", equalTo((int) id))
        .body("roles", not(hasItem("admin")));
  }

  @Test
  void forgedOtherBotsStaleAndReplayedLoginsAre401AndCreateNobody() {
    long forged = newPerson();
    JsonObject tampered = Logins.widget(forged, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN);
    tampered.put("username", "someone_else");
    refused(Logins.postWidget(tampered));

    long otherBot = newPerson();
    refused(Logins.postWidget(Logins.widget(otherBot, Instant.now(), OTHER_BOT_TOKEN)));

    long stale = newPerson();
    refused(
        Logins.postWidget(
            Logins.widget(
                stale, Instant.now().minus(Duration.ofHours(25)), SignInProfile.LOGIN_BOT_TOKEN)));

    long future = newPerson();
    refused(
        Logins.postWidget(
            Logins.widget(
                future, Instant.now().plus(Duration.ofHours(1)), SignInProfile.LOGIN_BOT_TOKEN)));

    assertThat(personExists(forged)).isFalse();
    assertThat(personExists(otherBot)).isFalse();
    assertThat(personExists(stale)).isFalse();
    assertThat(personExists(future)).isFalse();

    long replayed = newPerson();
    JsonObject login = Logins.widget(replayed, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN);
    Logins.postWidget(login).then().statusCode(200);
    refused(Logins.postWidget(login));
  }

  @Test
  void aMiniAppSignsInWithItsInitDataAndOnlyWithIt() {
    long id = newPerson();
    String initData = Logins.initData(id, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN);
    miniApp(initData).then().statusCode(200).body("user_id", equalTo(Long.toString(id)));
    refused(miniApp(initData));

    long otherBot = newPerson();
    refused(miniApp(Logins.initData(otherBot, Instant.now(), OTHER_BOT_TOKEN)));
    long stale = newPerson();
    refused(
        miniApp(
            Logins.initData(
                stale,
                Instant.now().minus(Duration.ofMinutes(61)),
                SignInProfile.LOGIN_BOT_TOKEN)));
    long widgetSigned = newPerson();
    String signedTheWidgetsWay =
        Logins.initData(widgetSigned, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN)
            .replaceAll("hash=[0-9a-f]+", "hash=" + "ab".repeat(32));
    refused(miniApp(signedTheWidgetsWay));
    refused(miniApp("user=%7B%7D&auth_date=1"));
    given()
        .contentType("application/json")
        .body("{\"init_data\": 5")
        .when()
        .post("/api/auth/telegram/mini-app")
        .then()
        .statusCode(400);
    assertThat(personExists(otherBot)).isFalse();
    assertThat(personExists(stale)).isFalse();
    assertThat(personExists(widgetSigned)).isFalse();
  }

  @Test
  void aPlatformAdminSignsInAsAdminAndWritesOnlyWithTheCsrfToken() {
    var response =
        Logins.postWidget(
            Logins.widget(
                FakeServices.ADMIN_TELEGRAM_ID, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN));
    response.then().statusCode(200).body("role", equalTo("admin"));
    String session = response.getCookie(SessionCookies.SESSION);
    String csrf = response.jsonPath().getString("csrf_token");
    assertThat(response.getCookie(SessionCookies.CSRF)).isEqualTo(csrf);

    given()
        .cookie(SessionCookies.SESSION, session)
        .when()
        .get("/api/admin/platform-admins")
        .then()
        .statusCode(200);
    given()
        .cookie(SessionCookies.SESSION, session)
        .contentType("application/json")
        .body("{\"telegram_id\": 5}")
        .when()
        .post("/api/admin/platform-admins")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/csrf-token-mismatch"));
    given()
        .cookie(SessionCookies.SESSION, session)
        .header(SessionCookies.CSRF_HEADER, "not-" + csrf)
        .contentType("application/json")
        .body("{\"telegram_id\": 5}")
        .when()
        .post("/api/admin/platform-admins")
        .then()
        .statusCode(403);
    long forwarded =
        FakeServices.RECEIVED.stream()
            .filter(r -> r.method().equals("POST") && r.path().equals("/internal/platform-admins"))
            .count();
    assertThat(forwarded).isZero();

    given()
        .cookie(SessionCookies.SESSION, session)
        .header(SessionCookies.CSRF_HEADER, csrf)
        .contentType("application/json")
        .body("{\"telegram_id\": 5}")
        .when()
        .post("/api/admin/platform-admins")
        .then()
        .statusCode(404); // the fake has no such route: the write reached it
    assertThat(FakeServices.RECEIVED)
        .anySatisfy(
            received -> {
              assertThat(received.path()).isEqualTo("/internal/platform-admins");
              assertThat(received.method()).isEqualTo("POST");
              assertThat(received.headers())
                  .containsEntry("x-flotilla-admin", "tg:" + FakeServices.ADMIN_TELEGRAM_ID);
            });
  }

  @Test
  void aPersonIsNoAdmin() {
    Browser person = Logins.signIn(newPerson());
    given()
        .cookie(SessionCookies.SESSION, person.session())
        .when()
        .get("/api/admin/platform-admins")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void personalTokensAreShownOnceActAsTheUserAndStopAtOnceWhenRevoked() {
    Browser person = Logins.signIn(newPerson());
    given()
        .cookie(SessionCookies.SESSION, person.session())
        .contentType("application/json")
        .body("{\"name\":\"ci\"}")
        .when()
        .post("/api/me/tokens")
        .then()
        .statusCode(403);

    var created =
        given()
            .cookie(SessionCookies.SESSION, person.session())
            .header(SessionCookies.CSRF_HEADER, person.csrf())
            .contentType("application/json")
            .body("{\"name\":\"ci\"}")
            .when()
            .post("/api/me/tokens")
            .then()
            .statusCode(201)
            .body("name", equalTo("ci"))
            .extract();
    String token = created.path("token");
    String tokenId = created.path("id");
    assertThat(token).startsWith("flt_");

    given()
        .auth()
        .oauth2(token)
        .when()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("telegram_id", equalTo((int) person.telegramId()));
    given().auth().oauth2(token).when().get("/api/admin/agents").then().statusCode(403);
    String listed =
        given()
            .cookie(SessionCookies.SESSION, person.session())
            .when()
            .get("/api/me/tokens")
            .then()
            .statusCode(200)
            .body("[0].id", equalTo(tokenId))
            .extract()
            .asString();
    assertThat(listed).doesNotContain(token);

    Browser stranger = Logins.signIn(newPerson());
    given()
        .cookie(SessionCookies.SESSION, stranger.session())
        .header(SessionCookies.CSRF_HEADER, stranger.csrf())
        .when()
        .delete("/api/me/tokens/" + tokenId)
        .then()
        .statusCode(404);
    given().auth().oauth2(token).when().get("/api/me").then().statusCode(200);

    given().auth().oauth2(token).when().delete("/api/me/tokens/" + tokenId).then().statusCode(204);
    given()
        .auth()
        .oauth2(token)
        .when()
        .get("/api/me")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void theBootstrapAdminHasNoPersonalTokens() {
    given()
        .auth()
        .oauth2(io.flotilla.gateway.BootstrapAdminProfile.ADMIN_TOKEN)
        .when()
        .get("/api/me/tokens")
        .then()
        .statusCode(403);
  }

  @Test
  void signingOutEndsTheSession() {
    Browser person = Logins.signIn(newPerson());
    given()
        .cookie(new Cookie.Builder(SessionCookies.SESSION, person.session()).build())
        .when()
        .post("/api/auth/logout")
        .then()
        .statusCode(204);
    given()
        .cookie(SessionCookies.SESSION, person.session())
        .when()
        .get("/api/me")
        .then()
        .statusCode(401);
  }

  private static io.restassured.response.Response miniApp(String initData) {
    return given()
        .contentType("application/json")
        .body(new JsonObject().put("init_data", initData).encode())
        .when()
        .post("/api/auth/telegram/mini-app");
  }

  private static void refused(io.restassured.response.Response response) {
    response
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/login-refused"));
  }

  private boolean personExists(long telegramId) {
    return pool.preparedQuery("select 1 from platform_user where telegram_id = $1")
            .execute(Tuple.of(telegramId))
            .await()
            .atMost(Duration.ofSeconds(10))
            .rowCount()
        == 1;
  }
}
