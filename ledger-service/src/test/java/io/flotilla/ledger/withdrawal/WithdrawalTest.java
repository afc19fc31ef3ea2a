package io.flotilla.ledger.withdrawal;

import static io.flotilla.ledger.support.LedgerApi.admin;
import static io.flotilla.ledger.support.LedgerApi.agentBalance;
import static io.flotilla.ledger.support.LedgerApi.reconcile;
import static io.flotilla.ledger.support.LedgerApi.service;
import static io.flotilla.ledger.support.LedgerApi.withdraw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.ledger.maturity.MaturityJob;
import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.LedgerApi;
import io.flotilla.ledger.support.Scenarios;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class WithdrawalTest {

  @Inject Pool pool;
  @Inject TestClock clock;
  @Inject MaturityJob maturity;

  @Test
  void requestApprovePayMovesTheHoldToPaidOutWithAnEventPerStep() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 100, "TRX-main");
    Scenarios.availableProfit(agent, 1_000, currency, clock, maturity);

    String id =
        withdraw(agent, 600, currency, null)
            .then()
            .statusCode(201)
            .body("status", equalTo("requested"))
            .body("payout_address", equalTo("TRX-main"))
            .extract()
            .path("withdrawal_id");
    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 400)
        .containsEntry("held", 600);

    approve(id).then().statusCode(200).body("status", equalTo("approved"));
    pay(id, "0xabc" + id.substring(0, 8))
        .then()
        .statusCode(200)
        .body("status", equalTo("paid"))
        .body("paid_by", equalTo(LedgerApi.ADMIN));

    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 400)
        .containsEntry("held", 0)
        .containsEntry("withdrawn", 600);
    assertThat(
            Db.count(
                pool,
                "select count(distinct event_type) from outbox_event where message_key = $1",
                id))
        .isEqualTo(3);
    service()
        .get("/internal/agents/" + agent + "/withdrawals")
        .then()
        .statusCode(200)
        .body("status", containsInAnyOrder("paid"));
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void rejectingReleasesTheHoldFromRequestedOrApproved() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 100, "TRX-r");
    Scenarios.availableProfit(agent, 500, currency, clock, maturity);
    String requested = withdraw(agent, 200, currency, null).then().extract().path("withdrawal_id");
    String approved = withdraw(agent, 300, currency, null).then().extract().path("withdrawal_id");
    approve(approved).then().statusCode(200);

    reject(requested)
        .then()
        .statusCode(200)
        .body("status", equalTo("rejected"))
        .body("reject_reason", equalTo("not verified"));
    reject(approved).then().statusCode(200);

    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 500)
        .containsEntry("held", 0);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void stepsOutOfOrderAreConflictsThatChangeNothing() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 100, "TRX-o");
    Scenarios.availableProfit(agent, 500, currency, clock, maturity);
    String id = withdraw(agent, 500, currency, null).then().extract().path("withdrawal_id");

    pay(id, "tx-early-" + id)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/withdrawal-step-out-of-order"));
    approve(id).then().statusCode(200);
    approve(id).then().statusCode(409);
    pay(id, "tx-" + id).then().statusCode(200);
    pay(id, "tx-" + id).then().statusCode(409);
    reject(id).then().statusCode(409);
    approve("00000000-0000-0000-0000-000000000000").then().statusCode(404);

    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 0)
        .containsEntry("held", 0)
        .containsEntry("withdrawn", 500);
  }

  @Test
  void aTxidPaysOneWithdrawalOnTheWholePlatform() {
    String currency = Ids.currency();
    String first = Ids.agent();
    String second = Ids.agent();
    Scenarios.settings(first, 1, 100, "TRX-1");
    Scenarios.settings(second, 1, 100, "TRX-2");
    Scenarios.availableProfit(first, 300, currency, clock, maturity);
    Scenarios.availableProfit(second, 300, currency, clock, maturity);
    String one = withdraw(first, 300, currency, null).then().extract().path("withdrawal_id");
    String two = withdraw(second, 300, currency, null).then().extract().path("withdrawal_id");
    approve(one).then().statusCode(200);
    approve(two).then().statusCode(200);
    String txid = "0xFEED" + one.substring(0, 8);

    pay(one, txid).then().statusCode(200);
    pay(two, txid.toLowerCase())
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/txid-reused"));

    service().get("/internal/withdrawals/" + two).then().body("status", equalTo("approved"));
    assertThat(agentBalance(second, currency))
        .containsEntry("held", 300)
        .containsEntry("withdrawn", 0);
  }

  @Test
  void requestsOutsideTheRulesAreRefusedWithoutATrace() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 250, "TRX-m");
    Scenarios.availableProfit(agent, 1_000, currency, clock, maturity);

    withdraw(agent, 249, currency, null)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/below-minimum-withdrawal"))
        .body("minimum", equalTo(250));
    withdraw(agent, 1_001, currency, null)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-available"))
        .body("available", equalTo(1_000));
    withdraw(agent, 0, currency, null).then().statusCode(400);
    withdraw(agent, -300, currency, null).then().statusCode(400);
    withdraw(Ids.agent(), 5_000, currency, "TRX-x")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-available"));
    String noAddress = Ids.agent();
    withdraw(noAddress, 5_000, currency, null)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/payout-address-missing"));

    assertThat(Db.count(pool, "select count(*) from withdrawal where agent_id = $1", agent))
        .isZero();
    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 1_000)
        .containsEntry("held", 0);
  }

  @Test
  void aRepeatedRequestWithItsIdempotencyKeyHoldsOnce() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 100, "TRX-i");
    Scenarios.availableProfit(agent, 800, currency, clock, maturity);
    Map<String, Object> body = Map.of("amount", 300, "currency", currency);

    String first =
        service()
            .header("Idempotency-Key", "req-1")
            .body(body)
            .post("/internal/agents/" + agent + "/withdrawals")
            .then()
            .statusCode(201)
            .extract()
            .path("withdrawal_id");
    String again =
        service()
            .header("Idempotency-Key", "req-1")
            .body(body)
            .post("/internal/agents/" + agent + "/withdrawals")
            .then()
            .statusCode(200)
            .extract()
            .path("withdrawal_id");
    service()
        .header("Idempotency-Key", "req-1")
        .body(Map.of("amount", 301, "currency", currency))
        .post("/internal/agents/" + agent + "/withdrawals")
        .then()
        .statusCode(409);

    assertThat(again).isEqualTo(first);
    assertThat(agentBalance(agent, currency)).containsEntry("held", 300);
  }

  @Test
  void adminStepsNeedTheAdminHeader() {
    service()
        .post("/internal/withdrawals/00000000-0000-0000-0000-000000000000/approve")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://flotilla.dev/problems/admin-required"));
  }

  private static Response approve(String id) {
    return admin().post("/internal/withdrawals/" + id + "/approve");
  }

  private static Response reject(String id) {
    return admin()
        .body(Map.of("reason", "not verified"))
        .post("/internal/withdrawals/" + id + "/reject");
  }

  private static Response pay(String id, String txid) {
    return admin().body(Map.of("txid", txid)).post("/internal/withdrawals/" + id + "/pay");
  }
}
