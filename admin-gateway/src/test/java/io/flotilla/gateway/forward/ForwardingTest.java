package io.flotilla.gateway.forward;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flotilla.gateway.BootstrapAdminProfile;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Public routes reach exactly their internal endpoint, and answers come back unchanged. */
@QuarkusTest
@TestProfile(BootstrapAdminProfile.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "gateway_fwd"))
@QuarkusTestResource(RecordingServices.class)
class ForwardingTest {

  @BeforeEach
  void reset() {
    RecordingServices.RECEIVED.clear();
    RecordingServices.next = new RecordingServices.Answer(200, "application/json", "{\"ok\":1}");
  }

  @Test
  void aListCarriesItsQueryTheServiceTokenAndTheAdmin() {
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .when()
        .get("/api/admin/withdrawals?status=requested&page=2")
        .then()
        .statusCode(200)
        .body("ok", equalTo(1));

    assertThat(RecordingServices.RECEIVED)
        .singleElement()
        .satisfies(
            received -> {
              assertThat(received.method()).isEqualTo("GET");
              assertThat(received.uri())
                  .startsWith("/internal/withdrawals?")
                  .contains("status=requested", "page=2");
              assertThat(received.headers())
                  .containsEntry("authorization", "Bearer test-service-token")
                  .containsEntry("x-flotilla-admin", "bootstrap-admin");
            });
  }

  @Test
  void anAgentsPricingAndMoneyRoutesReachInventoryAndTheLedger() {
    for (String route : List.of("pricing", "balance", "statement", "ledger-settings")) {
      given()
          .auth()
          .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
          .when()
          .get("/api/admin/agents/seven/" + route)
          .then()
          .statusCode(200);
    }

    assertThat(RecordingServices.RECEIVED)
        .extracting(RecordingServices.Received::uri)
        .containsExactly(
            "/internal/agents/seven/pricing",
            "/internal/agents/seven/balance",
            "/internal/agents/seven/statement",
            "/internal/agents/seven/settings");
  }

  @Test
  void aDownstreamProblemReachesTheCallerUnchanged() {
    String problem =
        "{\"type\":\"https://flotilla.dev/problems/txid-reused\",\"title\":\"Conflict\","
            + "\"status\":409,\"detail\":\"txid already used\"}";
    RecordingServices.next = new RecordingServices.Answer(409, "application/problem+json", problem);

    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .contentType("application/json")
        .body("{\"txid\":\"0xabc\"}")
        .when()
        .post("/api/admin/withdrawals/w-1/pay")
        .then()
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/txid-reused"));

    assertThat(RecordingServices.RECEIVED.getFirst().uri())
        .isEqualTo("/internal/withdrawals/w-1/pay");
    assertThat(new String(RecordingServices.RECEIVED.getFirst().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"txid\":\"0xabc\"}");
  }

  @Test
  void anIdThatIsNotOneSegmentIsRefusedBeforeAnythingIsForwarded() {
    given()
        .urlEncodingEnabled(false)
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .when()
        .get("/api/admin/orders/..%2Fproducts")
        .then()
        .statusCode(anyOf(equalTo(400), equalTo(404)))
        .contentType(startsWith("application/problem+json"));
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .when()
        .get("/api/admin/withdrawals/a.b")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));

    assertThat(RecordingServices.RECEIVED).isEmpty();
  }

  @Test
  void theProviderCallbackNeedsNoTokenAndKeepsItsBytesAndSignature() {
    String body = "{\"provider_transaction_id\":\"tx-1\",  \"amount\":500}";

    given()
        .header("X-Flotilla-Signature", "sha256=00ff")
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/payments/callback")
        .then()
        .statusCode(200);

    RecordingServices.Received received = RecordingServices.RECEIVED.getFirst();
    assertThat(received.uri()).isEqualTo("/internal/top-ups/callback");
    assertThat(received.headers()).containsEntry("x-flotilla-signature", "sha256=00ff");
    assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(body);
  }

  @Test
  void adminRoutesNeedAnAdminToken() {
    given().when().get("/api/admin/withdrawals").then().statusCode(401);
    assertThat(RecordingServices.RECEIVED).isEmpty();
  }
}
