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
@QuarkusTestResource(value = RecordingServices.class, restrictToAnnotatedClass = true)
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
  void botAgentAuditAndKeyRoutesReachTheCredentialService() {
    record Call(String method, String path, String body, String internal) {}
    List<Call> calls =
        List.of(
            new Call("GET", "/api/admin/bots?status=active", null, "/internal/bots?status=active"),
            new Call("GET", "/api/admin/bots/list?page=2", null, "/internal/bots?page=2"),
            new Call(
                "POST", "/api/admin/bots/user:42/access", null, "/internal/bots/user:42/access"),
            new Call(
                "PATCH",
                "/api/admin/bots/seven/suspend",
                "{\"reason\":\"spam\"}",
                "/internal/bots/seven/suspend"),
            new Call(
                "PATCH", "/api/admin/bots/seven/activate", null, "/internal/bots/seven/activate"),
            new Call(
                "PATCH",
                "/api/admin/bots/seven/rate-limit",
                "{\"per_second\":10}",
                "/internal/bots/seven/rate-limit"),
            new Call("GET", "/api/admin/agents", null, "/internal/agents"),
            new Call("GET", "/api/admin/agents/seven", null, "/internal/agents/seven"),
            new Call(
                "POST",
                "/api/admin/agents/seven/pause",
                "{\"reason\":\"unpaid\"}",
                "/internal/agents/seven/pause"),
            new Call(
                "POST", "/api/admin/agents/seven/resume", null, "/internal/agents/seven/resume"),
            new Call(
                "PUT",
                "/api/admin/agents/seven/pricing",
                "{\"max_percent_basis_points\":3000}",
                "/internal/agents/seven/pricing"),
            new Call(
                "PUT",
                "/api/admin/agents/seven/payout",
                "{\"min_withdrawal\":1000}",
                "/internal/agents/seven/payout"),
            new Call(
                "GET",
                "/api/admin/audit?action=agent.pause",
                null,
                "/internal/audit?action=agent.pause"),
            new Call("GET", "/api/admin/keys", null, "/internal/keys"),
            new Call("POST", "/api/admin/keys/rotations", null, "/internal/keys/rotations"),
            new Call("GET", "/api/admin/keys/rotations/3", null, "/internal/keys/rotations/3"),
            new Call("POST", "/api/admin/keys/7/retire", null, "/internal/keys/7/retire"));

    for (Call call : calls) {
      var request = given().auth().oauth2(BootstrapAdminProfile.ADMIN_TOKEN);
      if (call.body() != null) {
        request = request.contentType("application/json").body(call.body());
      }
      request.when().request(call.method(), call.path()).then().statusCode(200);
    }

    assertThat(RecordingServices.RECEIVED).hasSameSizeAs(calls);
    for (int i = 0; i < calls.size(); i++) {
      RecordingServices.Received received = RecordingServices.RECEIVED.get(i);
      Call call = calls.get(i);
      assertThat(received.method()).as(call.path()).isEqualTo(call.method());
      assertThat(received.uri()).as(call.path()).isEqualTo(call.internal());
      assertThat(received.headers()).containsEntry("x-flotilla-admin", "bootstrap-admin");
      if (call.body() != null) {
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(call.body());
      }
    }
  }

  @Test
  void ownerClaimPlatformAdminAndMasterBotRoutesReachTheCredentialService() {
    record Call(String method, String path, String body, String internal) {}
    List<Call> calls =
        List.of(
            new Call(
                "PUT",
                "/api/admin/agents/seven/owners",
                "{\"owner_telegram_ids\":[42,7]}",
                "/internal/agents/seven/owners"),
            new Call(
                "POST", "/api/admin/agents/seven/claims", null, "/internal/agents/seven/claims"),
            new Call("GET", "/api/admin/platform-admins", null, "/internal/platform-admins"),
            new Call(
                "POST",
                "/api/admin/platform-admins",
                "{\"telegram_id\":42}",
                "/internal/platform-admins"),
            new Call(
                "DELETE", "/api/admin/platform-admins/42", null, "/internal/platform-admins/42"),
            new Call("GET", "/api/admin/master/bot", null, "/internal/master/bot"),
            new Call(
                "PUT",
                "/api/admin/master/bot",
                "{\"bot_token\":\"123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
                "/internal/master/bot"));

    for (Call call : calls) {
      var request = given().auth().oauth2(BootstrapAdminProfile.ADMIN_TOKEN);
      if (call.body() != null) {
        request = request.contentType("application/json").body(call.body());
      }
      request.when().request(call.method(), call.path()).then().statusCode(200);
    }

    assertThat(RecordingServices.RECEIVED).hasSameSizeAs(calls);
    for (int i = 0; i < calls.size(); i++) {
      RecordingServices.Received received = RecordingServices.RECEIVED.get(i);
      Call call = calls.get(i);
      assertThat(received.method()).as(call.path()).isEqualTo(call.method());
      assertThat(received.uri()).as(call.path()).isEqualTo(call.internal());
      assertThat(received.headers())
          .containsEntry("x-flotilla-admin", "bootstrap-admin")
          .containsEntry("authorization", "Bearer test-service-token");
      if (call.body() != null) {
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(call.body());
      }
    }
  }

  @Test
  void aMasterBotTokenInMalformedJsonGoesNowhere() {
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .contentType("application/json")
        .body("{\"bot_token\": \"123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")
        .when()
        .put("/api/admin/master/bot")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"));
    given()
        .auth()
        .oauth2(BootstrapAdminProfile.ADMIN_TOKEN)
        .when()
        .delete("/api/admin/platform-admins/4.2")
        .then()
        .statusCode(400)
        .body("field", equalTo("telegram_id"));
    given().when().get("/api/admin/platform-admins").then().statusCode(401);

    assertThat(RecordingServices.RECEIVED).isEmpty();
  }

  @Test
  void theNewRoutesAreInTheOpenApiDocument() {
    String openApi =
        given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    assertThat(openApi)
        .contains(
            "\"/api/admin/agents/{agentId}/owners\"",
            "\"/api/admin/agents/{agentId}/claims\"",
            "\"/api/admin/platform-admins\"",
            "\"/api/admin/platform-admins/{telegramId}\"",
            "\"/api/admin/master/bot\"",
            "Set or replace the master shop bot");
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
