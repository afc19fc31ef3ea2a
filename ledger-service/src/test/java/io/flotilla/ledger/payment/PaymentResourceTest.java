package io.flotilla.ledger.payment;

import static io.flotilla.ledger.support.LedgerApi.pay;
import static io.flotilla.ledger.support.LedgerApi.payment;
import static io.flotilla.ledger.support.LedgerApi.service;
import static io.flotilla.ledger.support.LedgerApi.topUp;
import static io.flotilla.ledger.support.LedgerApi.walletBalance;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.LedgerApi;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class PaymentResourceTest {

  @Inject Pool pool;
  @Inject TestClock clock;

  @Test
  void agentSaleDebitsTheWalletAndBooksRevenueAndPendingProfit() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 10_000, currency);
    String order = Ids.order();

    JsonPath paid =
        pay(payment(order, agent, agent, customer, 3, 1_000, 150, currency))
            .then()
            .statusCode(201)
            .body("order_id", equalTo(order))
            .body("status", equalTo("paid"))
            .body("amount", equalTo(3_450))
            .body("currency", equalTo(currency))
            .body("wallet_balance_after", equalTo(6_550))
            .body("payment_id", notNullValue())
            .extract()
            .jsonPath();

    Instant paidAt = Instant.parse(paid.getString("paid_at"));
    Instant maturesAt = Instant.parse(paid.getString("matures_at"));
    assertThat(Duration.between(paidAt, maturesAt)).isEqualTo(Duration.ofHours(48));
    assertThat(walletBalance(agent, customer, currency)).isEqualTo(6_550);
    assertThat(LedgerApi.agentBalance(agent, currency))
        .containsEntry("pending", 450)
        .containsEntry("available", 0);
    service()
        .queryParam("currency", currency)
        .get("/internal/platform/totals")
        .then()
        .statusCode(200)
        .body("customer_wallets", equalTo(6_550))
        .body("platform_revenue", equalTo(3_000))
        .body("agent_pending", equalTo(450))
        .body("cash_in", equalTo(10_000))
        .body("book_total", equalTo(0));
  }

  @Test
  void masterSaleHasNoProfitToMature() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    topUp("master", customer, 500, currency);

    pay(payment(Ids.order(), "master", "master", customer, 2, 200, 0, currency))
        .then()
        .statusCode(201)
        .body("amount", equalTo(400))
        .body("matures_at", nullValue())
        .body("wallet_balance_after", equalTo(100));
  }

  @Test
  void theSameOrderAgainAnswersTheFirstResultAndChargesOnce() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    Map<String, Object> body = payment(Ids.order(), agent, agent, customer, 1, 300, 50, currency);

    String first = pay(body).then().statusCode(201).extract().asString();
    clock.advance(Duration.ofMinutes(5));
    String again = pay(body).then().statusCode(200).extract().asString();

    assertThat(JsonPath.from(again).getMap("")).isEqualTo(JsonPath.from(first).getMap(""));
    assertThat(walletBalance(agent, customer, currency)).isEqualTo(650);
  }

  @Test
  void theSameOrderWithOtherFiguresIsAConflict() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, agent, agent, customer, 1, 300, 50, currency)).then().statusCode(201);

    pay(payment(order, agent, agent, customer, 2, 300, 50, currency))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://flotilla.dev/problems/payment-mismatch"));
    assertThat(walletBalance(agent, customer, currency)).isEqualTo(650);
  }

  @Test
  void aShortWalletIsRefusedWithoutATrace() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 999, currency);
    String order = Ids.order();
    long entriesBefore = Db.count(pool, "select count(*) from entry");

    pay(payment(order, agent, agent, customer, 1, 900, 100, currency))
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-funds"))
        .body("amount", equalTo(1_000));

    assertThat(walletBalance(agent, customer, currency)).isEqualTo(999);
    assertThat(Db.count(pool, "select count(*) from payment where order_id = $1", order)).isZero();
    assertThat(Db.count(pool, "select count(*) from profit_lot where order_id = $1", order))
        .isZero();
    assertThat(Db.count(pool, "select count(*) from transfer where reference = $1", order))
        .isZero();
    assertThat(Db.count(pool, "select count(*) from entry")).isEqualTo(entriesBefore);
    service().get("/internal/payments/" + order).then().statusCode(404);
  }

  @Test
  void anUnknownWalletHasNothingToPayWith() {
    String currency = Ids.currency();
    pay(payment(Ids.order(), "master", "master", Ids.customer(), 1, 100, 0, currency))
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-funds"));
  }

  @Test
  void aPaymentIsFoundByOrderId() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String order = Ids.order();
    String paymentId =
        pay(payment(order, agent, agent, customer, 2, 100, 20, currency))
            .then()
            .statusCode(201)
            .extract()
            .path("payment_id");

    service()
        .get("/internal/payments/" + order)
        .then()
        .statusCode(200)
        .body("payment_id", equalTo(paymentId))
        .body("status", equalTo("paid"))
        .body("sold_by", equalTo(agent))
        .body("quantity", equalTo(2))
        .body("markup_per_unit", equalTo(20))
        .body("amount", equalTo(240));
    service().get("/internal/payments/" + Ids.order()).then().statusCode(404);
  }

  @Test
  void badFiguresAreRefusedNamingTheField() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    topUp("master", customer, 10_000, currency);
    Map<String, Object> zeroQuantity =
        payment(Ids.order(), "master", "master", customer, 0, 100, 0, currency);
    Map<String, Object> negativePrice =
        payment(Ids.order(), "master", "master", customer, 1, -100, 0, currency);
    Map<String, Object> inconsistent =
        payment(Ids.order(), "shop", "agent-x", customer, 1, 100, 10, currency);
    inconsistent.put("agent_unit_price", 120);
    Map<String, Object> masterMarkup =
        payment(Ids.order(), "master", "master", customer, 1, 100, 10, currency);
    Map<String, Object> missingCustomer =
        payment(Ids.order(), "master", "master", customer, 1, 100, 0, currency);
    missingCustomer.remove("customer_id");
    Map<String, Object> badCurrency =
        payment(Ids.order(), "master", "master", customer, 1, 100, 0, "usdt");

    assertField(zeroQuantity, "quantity");
    assertField(negativePrice, "base_unit_price");
    assertField(inconsistent, "agent_unit_price");
    assertField(masterMarkup, "markup_per_unit");
    assertField(missingCustomer, "customer_id");
    assertField(badCurrency, "currency");
    assertThat(walletBalance("master", customer, currency)).isEqualTo(10_000);
  }

  @Test
  void paymentsNeedTheServiceCredential() {
    given()
        .contentType("application/json")
        .body(payment(Ids.order(), "master", "master", 1, 1, 100, 0, "USDT"))
        .post("/internal/payments")
        .then()
        .statusCode(401);
  }

  private static void assertField(Map<String, Object> body, String field) {
    String response = pay(body).then().statusCode(400).extract().asString();
    assertThat(response).contains(field);
  }

  @Test
  void severalOrdersInOneCallAreEachAnsweredAsTheirOwnCallWouldBe() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String paidBefore = Ids.order();
    Map<String, Object> first = payment(paidBefore, agent, agent, customer, 1, 300, 50, currency);
    String firstPaymentId =
        pay(first).then().statusCode(201).extract().path("payment_id").toString();
    String fresh = Ids.order();
    String tooDear = Ids.order();
    String noWallet = Ids.order();
    String last = Ids.order();

    JsonPath answer =
        payAll(
                payment(fresh, agent, agent, customer, 1, 300, 50, currency),
                first,
                payment(tooDear, agent, agent, customer, 1, 700, 0, currency),
                payment(noWallet, agent, agent, Ids.customer(), 1, 100, 0, currency),
                payment(paidBefore, agent, agent, customer, 2, 300, 50, currency),
                payment(last, agent, agent, customer, 1, 200, 0, currency))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getList("results.order_id"))
        .containsExactly(fresh, paidBefore, tooDear, noWallet, paidBefore, last);
    assertThat(answer.getList("results.status", Integer.class))
        .containsExactly(201, 200, 422, 422, 409, 201);
    assertThat(answer.getString("results[1].payment.payment_id")).isEqualTo(firstPaymentId);
    assertThat(answer.getString("results[2].problem.type"))
        .isEqualTo("https://flotilla.dev/problems/insufficient-funds");
    assertThat(answer.getString("results[3].problem.type"))
        .isEqualTo("https://flotilla.dev/problems/insufficient-funds");
    assertThat(answer.getString("results[4].problem.type"))
        .isEqualTo("https://flotilla.dev/problems/payment-mismatch");
    assertThat(answer.getInt("results[5].payment.wallet_balance_after")).isEqualTo(100);
    assertThat(answer.getString("results[0].problem")).isNull();
    assertThat(walletBalance(agent, customer, currency)).isEqualTo(100);
    service().get("/internal/payments/{order}", tooDear).then().statusCode(404);
  }

  @Test
  void aBatchWithAnInvalidPaymentPaysNothing() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    topUp("master", customer, 1_000, currency);
    String valid = Ids.order();

    payAll(
            payment(valid, "master", "master", customer, 1, 100, 0, currency),
            payment(Ids.order(), "master", "master", customer, 0, 100, 0, currency))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://flotilla.dev/problems/invalid-field"))
        .body("errors[0].field", equalTo("payments[1].quantity"));
    service()
        .body(Map.of("payments", List.of()))
        .post("/internal/payments/batch")
        .then()
        .statusCode(400);
    service().get("/internal/payments/{order}", valid).then().statusCode(404);
    assertThat(walletBalance("master", customer, currency)).isEqualTo(1_000);
  }

  @SafeVarargs
  private static io.restassured.response.Response payAll(Map<String, Object>... payments) {
    return service().body(Map.of("payments", List.of(payments))).post("/internal/payments/batch");
  }
}
