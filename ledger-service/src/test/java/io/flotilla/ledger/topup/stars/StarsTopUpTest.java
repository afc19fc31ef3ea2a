package io.flotilla.ledger.topup.stars;

import static io.flotilla.ledger.support.LedgerApi.admin;
import static io.flotilla.ledger.support.LedgerApi.callback;
import static io.flotilla.ledger.support.LedgerApi.reconcile;
import static io.flotilla.ledger.support.LedgerApi.requestTopUp;
import static io.flotilla.ledger.support.LedgerApi.service;
import static io.flotilla.ledger.support.LedgerApi.walletBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.TopUpCredited;
import io.flotilla.contracts.events.Topics;
import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Events;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A shop bot's Stars top-up as Telegram drives it: terms, invoice, pre-checkout, successful payment
 * (sometimes twice, sometimes late), on the real database and broker. The test profile keeps the
 * default rate, 13 minor units of USDT for every 10 Stars.
 */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class StarsTopUpTest {

  private static final String CURRENCY = "USDT";

  @Inject Pool pool;
  @Inject TestClock clock;

  @Test
  void theTermsTellTheRateTheLimitsAndHowLongAnInvoiceLasts() {
    service()
        .get("/internal/top-ups/stars/terms")
        .then()
        .statusCode(200)
        .body("rate_minor_units", equalTo(13))
        .body("rate_stars", equalTo(10))
        .body("currency", equalTo(CURRENCY))
        .body("min_stars", equalTo(1))
        .body("max_stars", equalTo(10_000))
        .body("invoice_validity_seconds", equalTo(900));
  }

  @Test
  void anInvoiceIsPricedAtTodaysRateRoundedDownAndCreditsNothingYet() {
    String shop = Ids.tenant();
    long customer = Ids.customer();

    JsonPath invoice =
        invoice(shop, customer, 7)
            .then()
            .statusCode(201)
            .body("method", equalTo("stars"))
            .body("stars", equalTo(7))
            .body("amount", equalTo(9))
            .body("currency", equalTo(CURRENCY))
            .body("status", equalTo("pending"))
            .body("reference", matchesPattern("TU[0-9A-Z]{10}"))
            .body("provider_transaction_id", nullValue())
            .extract()
            .jsonPath();

    assertThat(
            Duration.between(
                Instant.parse(invoice.getString("created_at")),
                Instant.parse(invoice.getString("expires_at"))))
        .isEqualTo(Duration.ofMinutes(15));
    service()
        .get("/internal/top-ups/" + invoice.getString("top_up_id"))
        .then()
        .statusCode(200)
        .body("stars", equalTo(7))
        .body("amount", equalTo(9))
        .body("expires_at", equalTo(invoice.getString("expires_at")));
    invoice(shop, customer, 10_000).then().statusCode(201).body("amount", equalTo(13_000));
    assertThat(walletBalance(shop, customer, CURRENCY)).isZero();
    service()
        .queryParam("method", "stars")
        .queryParam("tenant_id", shop)
        .get("/internal/top-ups")
        .then()
        .statusCode(200)
        .body("size()", equalTo(2));
  }

  @Test
  void invoicesOutsideTheLimitsOrIncompleteAreRefused() {
    String shop = Ids.tenant();
    long customer = Ids.customer();

    invoice(shop, customer, 10_001)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/stars-out-of-range"))
        .body("min_stars", equalTo(1))
        .body("max_stars", equalTo(10_000));
    invoice(shop, customer, 0).then().statusCode(400);
    service()
        .body(Map.of("tenant_id", shop, "stars", 5))
        .post("/internal/top-ups/stars")
        .then()
        .statusCode(400);

    assertThat(Db.count(pool, "select count(*) from top_up where tenant_id = $1", shop)).isZero();
  }

  @Test
  void preCheckoutPassesAValidInvoiceOnly() {
    String shop = Ids.tenant();
    long customer = Ids.customer();
    String id = invoice(shop, customer, 50).then().extract().path("top_up_id");
    String central = requestTopUp(shop, customer, 50, CURRENCY).then().extract().path("top_up_id");

    preCheckout(id, customer, 50).then().statusCode(200).body("top_up_id", equalTo(id));
    preCheckout(id, customer + 1, 50)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/invoice-mismatch"));
    preCheckout(id, customer, 49).then().statusCode(422);
    preCheckout(central, customer, 50).then().statusCode(404);
    preCheckout("00000000-0000-0000-0000-000000000000", customer, 50).then().statusCode(404);
    preCheckout("not-an-id", customer, 50).then().statusCode(404);
    service()
        .body(Map.of("customer_id", customer))
        .post("/internal/top-ups/" + id + "/pre-checkout")
        .then()
        .statusCode(400);

    pay(id, "charge-" + id, customer, 50).then().statusCode(200);

    preCheckout(id, customer, 50)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/top-up-already-credited"));
  }

  @Test
  void anExpiredInvoiceFailsPreCheckoutButAPaymentTelegramTookIsStillCredited() {
    String shop = Ids.tenant();
    long customer = Ids.customer();
    String id = invoice(shop, customer, 100).then().extract().path("top_up_id");
    preCheckout(id, customer, 100).then().statusCode(200);

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));

    preCheckout(id, customer, 100)
        .then()
        .statusCode(410)
        .body("type", equalTo("https://flotilla.dev/problems/invoice-expired"));
    pay(id, "late-" + id, customer, 100).then().statusCode(200).body("status", equalTo("credited"));
    assertThat(walletBalance(shop, customer, CURRENCY)).isEqualTo(130);
  }

  @Test
  void aPaymentCreditsOnceThroughTheStarsAccountAndPublishesTopUpCreditedOnce() {
    String shop = Ids.tenant();
    long customer = Ids.customer();
    Map<String, Object> before = totals();
    String id = invoice(shop, customer, 250).then().extract().path("top_up_id");
    String charge = "stxCharge-" + id;

    pay(id, charge, customer, 250)
        .then()
        .statusCode(200)
        .body("status", equalTo("credited"))
        .body("provider_transaction_id", equalTo(charge))
        .body("confirmed_by", equalTo("telegram"))
        .body("amount", equalTo(325));
    pay(id, charge, customer, 250).then().statusCode(200).body("status", equalTo("credited"));

    assertThat(walletBalance(shop, customer, CURRENCY)).isEqualTo(325);
    Map<String, Object> after = totals();
    assertThat(number(after, "stars_in") - number(before, "stars_in")).isEqualTo(325);
    assertThat(number(after, "cash_in")).isEqualTo(number(before, "cash_in"));
    service()
        .queryParam("currency", CURRENCY)
        .get("/internal/wallets/" + shop + "/" + customer + "/statement")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].kind", equalTo("top_up"))
        .body("items[0].reference", equalTo(id))
        .body("items[0].amount", equalTo(325));
    List<String> records =
        Events.awaitRecords(Topics.LEDGER, id, Duration.ofSeconds(60), Duration.ofSeconds(3));
    assertThat(records).hasSize(1);
    TopUpCredited credited = (TopUpCredited) EventCodec.payload(EventCodec.decode(records.get(0)));
    assertThat(credited)
        .isEqualTo(
            new TopUpCredited(
                shop, id, customer, 325, CURRENCY, charge, credited.creditedAt(), "stars"));
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void oneChargeDeliveredEightTimesAtOnceCreditsOnce() throws Exception {
    String shop = Ids.tenant();
    long customer = Ids.customer();
    String id = invoice(shop, customer, 1_000).then().extract().path("top_up_id");
    String charge = "stxConcurrent-" + id;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        calls.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                  return pay(id, charge, customer, 1_000).statusCode();
                },
                threads));
      }
      start.countDown();
    }

    assertThat(calls).allSatisfy(call -> assertThat(call.join()).isEqualTo(200));
    assertThat(walletBalance(shop, customer, CURRENCY)).isEqualTo(1_300);
    assertThat(
            Db.count(
                pool, "select count(*) from transfer where kind = 'top_up' and reference = $1", id))
        .isEqualTo(1);
    assertThat(
            Db.count(
                pool,
                "select count(*) from outbox_event where event_type = 'TopUpCredited'"
                    + " and message_key = $1",
                id))
        .isEqualTo(1);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void aChargeCreditsOneTopUpAndATopUpTakesOneCharge() {
    String shop = Ids.tenant();
    long customer = Ids.customer();
    String first = invoice(shop, customer, 20).then().extract().path("top_up_id");
    String second = invoice(shop, customer, 20).then().extract().path("top_up_id");
    String charge = "stxOnce-" + first;
    pay(first, charge, customer, 20).then().statusCode(200);

    pay(second, charge, customer, 20)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/provider-transaction-reused"));
    pay(first, "stxOther-" + first, customer, 20)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/top-up-already-credited"));
    pay(second, "stxWrong-" + second, customer + 1, 20)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/invoice-mismatch"));
    pay(second, "stxWrong-" + second, customer, 21).then().statusCode(422);
    service()
        .body(
            Map.of("telegram_payment_charge_id", "has space", "customer_id", customer, "stars", 20))
        .post("/internal/top-ups/" + second + "/stars-payment")
        .then()
        .statusCode(400);

    assertThat(walletBalance(shop, customer, CURRENCY)).isEqualTo(26);
    service().get("/internal/top-ups/" + second).then().body("status", equalTo("pending"));
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void theCentralChannelCannotPayAStarsInvoiceButAnAdminCanCreditALostPayment() {
    String shop = Ids.tenant();
    long customer = Ids.customer();
    JsonPath invoice = invoice(shop, customer, 30).then().extract().jsonPath();
    String id = invoice.getString("top_up_id");
    String reference = invoice.getString("reference");

    callback(
            "{\"reference\":\""
                + reference
                + "\",\"provider_transaction_id\":\"ptx-"
                + reference
                + "\",\"amount\":39,\"currency\":\"USDT\"}")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/wrong-payment-channel"));
    assertThat(walletBalance(shop, customer, CURRENCY)).isZero();

    admin()
        .body(Map.of("provider_transaction_id", "stxLost-" + id))
        .post("/internal/top-ups/" + id + "/confirm")
        .then()
        .statusCode(200)
        .body("status", equalTo("credited"));
    pay(id, "stxLost-" + id, customer, 30).then().statusCode(200);
    assertThat(walletBalance(shop, customer, CURRENCY)).isEqualTo(39);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  private static Response invoice(String shop, long customer, long stars) {
    return service()
        .body(Map.of("tenant_id", shop, "customer_id", customer, "stars", stars))
        .post("/internal/top-ups/stars");
  }

  private static Response preCheckout(String id, long customer, long stars) {
    return service()
        .body(Map.of("customer_id", customer, "stars", stars))
        .post("/internal/top-ups/" + id + "/pre-checkout");
  }

  private static Response pay(String id, String charge, long customer, long stars) {
    return service()
        .body(Map.of("telegram_payment_charge_id", charge, "customer_id", customer, "stars", stars))
        .post("/internal/top-ups/" + id + "/stars-payment");
  }

  private static Map<String, Object> totals() {
    return service()
        .queryParam("currency", CURRENCY)
        .get("/internal/platform/totals")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("");
  }

  private static long number(Map<String, Object> totals, String field) {
    return ((Number) totals.get(field)).longValue();
  }
}
