package io.flotilla.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.BootstrapAdminProfile;
import io.flotilla.gateway.auth.SessionCookies;
import io.flotilla.gateway.support.FakeServices;
import io.flotilla.gateway.support.Logins;
import io.flotilla.gateway.support.SignInProfile;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run through the public API — signing in, tokens, a person's bot, admin routes, refusals — whose
 * every answer is checked against the OpenAPI document the gateway serves.
 */
@QuarkusTest
@TestProfile(SignInProfile.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "gateway_openapi"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class OpenApiContractTest {

  @AfterEach
  void stopChecking() {
    RestAssured.replaceFiltersWith(java.util.List.of());
  }

  @Test
  void everyAnswerOfARunMatchesTheDocument() throws Exception {
    OpenApiContract contract =
        new OpenApiContract(
            given()
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(
            contract.violations(
                "GET", "/api/me", 200, "application/json", "{\"telegram_id\":\"seven\"}"))
        .as("the contract catches a wrongly typed field")
        .isNotEmpty();
    assertThat(
            contract.violations("GET", "/api/me", 200, "application/json", "{\"user_id\":\"1\"}"))
        .as("and a missing required field")
        .isNotEmpty();
    assertThat(
            contract.violations(
                "GET", "/api/user-bot/status", 404, "application/problem+json", "{\"title\":1}"))
        .as("and a problem that is not one")
        .isNotEmpty();
    assertThat(contract.violations("GET", "/api/me", 201, "application/json", "{}"))
        .as("and an undocumented status")
        .isNotEmpty();
    RestAssured.filters(contract);
    long id = 5_000_000 + System.nanoTime() % 1000;

    var signedIn =
        Logins.postWidget(Logins.widget(id, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN));
    Logins.postWidget(Logins.widget(id, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN));
    Logins.postWidget(
        Logins.widget(id, Instant.now().minus(Duration.ofDays(2)), SignInProfile.LOGIN_BOT_TOKEN));
    given()
        .contentType("application/json")
        .body(
            new JsonObject()
                .put("init_data", Logins.initData(id, Instant.now(), SignInProfile.LOGIN_BOT_TOKEN))
                .encode())
        .post("/api/auth/telegram/mini-app");
    given().contentType("application/json").body("{}").post("/api/auth/telegram/mini-app");
    String session = signedIn.getCookie(SessionCookies.SESSION);
    String csrf = signedIn.jsonPath().getString("csrf_token");

    as(session, csrf).get("/api/me");
    String tokenId =
        as(session, csrf)
            .contentType("application/json")
            .body("{\"name\":\"ci\"}")
            .post("/api/me/tokens")
            .path("id");
    as(session, csrf).contentType("application/json").body("{}").post("/api/me/tokens");
    as(session, csrf).get("/api/me/tokens");
    as(session, csrf).delete("/api/me/tokens/" + tokenId);
    as(session, csrf).delete("/api/me/tokens/" + tokenId + "x");
    given().cookie(SessionCookies.SESSION, session).post("/api/me/tokens");

    as(session, csrf).get("/api/user-bot/status");
    as(session, csrf)
        .contentType("application/json")
        .body(
            "{\"bot_token\":\"" + (700_000 + id % 1000) + ":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")
        .post("/api/user-bot/create");
    as(session, csrf)
        .contentType("application/json")
        .body("{\"bot_token\":\"broken\"}")
        .post("/api/user-bot/create");
    as(session, csrf).contentType("application/json").body("{}").post("/api/user-bot/create");
    as(session, csrf).get("/api/user-bot/status");
    as(session, csrf).post("/api/user-bot/verify");
    as(session, csrf)
        .contentType("application/json")
        .body("{\"welcome_text\":\"hi\",\"commands\":[{\"command\":\"help\",\"reply\":\"ok\"}]}")
        .put("/api/user-bot/settings");
    as(session, csrf)
        .contentType("application/json")
        .body("{\"chat_id\":5,\"text\":\"hello\"}")
        .post("/api/user-bot/messages");
    as(session, csrf).delete("/api/user-bot/remove");
    as(session, csrf).get("/api/user-bot/status");
    as(session, csrf).post("/api/user-bot/verify");
    as(session, csrf).get("/api/admin/agents");

    given().auth().oauth2(BootstrapAdminProfile.ADMIN_TOKEN).get("/api/admin/platform-admins");
    given().auth().oauth2(BootstrapAdminProfile.ADMIN_TOKEN).get("/api/admin/withdrawals/a.b");
    given().auth().oauth2(BootstrapAdminProfile.ADMIN_TOKEN).delete("/api/admin/agents");
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .contentType("application/json")
        .body("{\"reason\":\"" + "x".repeat(70_000) + "\"}")
        .post("/api/admin/agents/a1/pause");
    given().get("/api/admin/agents");
    as(session, csrf).post("/api/auth/logout");

    assertThat(contract.checked).hasSizeGreaterThanOrEqualTo(30);
    assertThat(contract.violations).isEmpty();
  }

  private static RequestSpecification as(String session, String csrf) {
    return given().cookie(SessionCookies.SESSION, session).header(SessionCookies.CSRF_HEADER, csrf);
  }
}
