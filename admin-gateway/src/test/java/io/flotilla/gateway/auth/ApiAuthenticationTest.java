package io.flotilla.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flotilla.gateway.BootstrapAdminProfile;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Who may call the public API, and what a caller sees when it may not. */
@QuarkusTest
@TestProfile(BootstrapAdminProfile.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "gateway"))
class ApiAuthenticationTest {

  @Inject Pool pool;

  @Test
  void noTokenIsAProblem401() {
    given()
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/admin/agents")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(401))
        .body("type", endsWith("/unauthenticated"));
  }

  @Test
  void anUnknownTokenIsRefused() {
    given()
        .auth()
        .oauth2("flt_not-a-real-token")
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/admin/agents")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void theBootstrapAdminGetsThroughToTheServicesBehind() {
    // Nothing listens where the credential service should be: past authentication, a 503.
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .contentType("application/json")
        .body("{\"agent_id\":\"a1\",\"name\":\"A\",\"bot_token\":\"1:x\"}")
        .when()
        .post("/api/admin/agents")
        .then()
        .statusCode(503)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void malformedJsonIsA400BeforeAnyServiceIsCalled() {
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .contentType("application/json")
        .body("{\"agent_id\": ")
        .when()
        .post("/api/admin/agents")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void theTokenItselfIsNeverStored() {
    var rows =
        pool.query("select id, role, token_sha256 from api_credential")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(rows.rowCount()).isEqualTo(1);
    var row = rows.iterator().next();
    assertThat(row.getString("role")).isEqualTo("admin");
    assertThat(row.getBuffer("token_sha256").getBytes())
        .isEqualTo(ApiTokens.sha256(BootstrapAdminProfile.ADMIN_TOKEN));
    var dump =
        pool.query("select string_agg(t::text, ' ') from api_credential t")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getString(0);
    assertThat(dump).doesNotContain(BootstrapAdminProfile.ADMIN_TOKEN);
  }
}
