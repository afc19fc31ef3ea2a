package io.flotilla.gateway.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.gateway.BootstrapAdminProfile;
import io.flotilla.gateway.support.FakeServices;
import io.flotilla.gateway.support.Logins;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Without a login bot token of its own the gateway signs people in with the master bot, whose token
 * stays in the credential service: the gateway sends the data-check-string and the hash.
 */
@QuarkusTest
@TestProfile(BootstrapAdminProfile.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "gateway_master_login"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class MasterBotSignInTest {

  @Test
  void theMasterBotsSignatureSignsInAndAnyOtherIsRefused() {
    long id = 4_000_000 + System.nanoTime() % 1000;
    Logins.postWidget(Logins.widget(id, Instant.now(), FakeServices.MASTER_BOT_TOKEN))
        .then()
        .statusCode(200)
        .body("user_id", equalTo(Long.toString(id)));
    FakeServices.Received check =
        FakeServices.RECEIVED.stream()
            .filter(received -> received.path().endsWith("/telegram-login/verify"))
            .findFirst()
            .orElseThrow();
    assertThat(new JsonObject(check.body()).getString("data_check_string"))
        .matches("auth_date=[0-9]+\nfirst_name=Ann\nid=" + id + "\nusername=ann" + id);
    assertThat(new JsonObject(check.body()).getString("flow")).isEqualTo("login_widget");

    Logins.postWidget(
            Logins.widget(id + 1, Instant.now(), "5550002:OTHER-bot-token-AAAAAAAAAAAAAAAAAAAAAA"))
        .then()
        .statusCode(401);
    given()
        .contentType("application/json")
        .body(
            new JsonObject()
                .put(
                    "init_data",
                    Logins.initData(id + 2, Instant.now(), FakeServices.MASTER_BOT_TOKEN))
                .encode())
        .when()
        .post("/api/auth/telegram/mini-app")
        .then()
        .statusCode(200);
  }
}
