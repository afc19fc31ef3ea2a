package io.flotilla.ledger.topup;

import static io.flotilla.ledger.support.LedgerApi.admin;
import static io.flotilla.ledger.support.LedgerApi.callback;
import static io.flotilla.ledger.support.LedgerApi.requestTopUp;
import static io.flotilla.ledger.support.LedgerApi.service;
import static io.flotilla.ledger.support.LedgerApi.walletBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.TopUpCredited;
import io.flotilla.contracts.events.Topics;
import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Events;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.LedgerApi;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class TopUpTest {

  @Inject Pool pool;

  @Test
  void aRequestGetsAUniqueReferenceAndStaysPendingUntilConfirmed() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    JsonPath first =
        requestTopUp("master", customer, 2_500, currency)
            .then()
            .statusCode(201)
            .body("status", equalTo("pending"))
            .body("reference", matchesPattern("TU[0-9A-Z]{10}"))
            .body("amount", equalTo(2_500))
            .extract()
            .jsonPath();
    String second =
        requestTopUp("master", customer, 2_500, currency).then().extract().path("reference");

    assertThat(second).isNotEqualTo(first.getString("reference"));
    assertThat(walletBalance("master", customer, currency)).isZero();
    service()
        .get("/internal/top-ups/" + first.getString("top_up_id"))
        .then()
        .statusCode(200)
        .body("status", equalTo("pending"));
  }

  @Test
  void anAdminConfirmationCreditsOnceAndPublishesTopUpCredited() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    String id = requestTopUp("shop-a", customer, 700, currency).then().extract().path("top_up_id");

    admin()
        .body(Map.of("provider_transaction_id", "bank-" + id))
        .post("/internal/top-ups/" + id + "/confirm")
        .then()
        .statusCode(200)
        .body("status", equalTo("credited"))
        .body("confirmed_by", equalTo(LedgerApi.ADMIN))
        .body("credited_at", notNullValue());
    admin().post("/internal/top-ups/" + id + "/confirm").then().statusCode(200);

    assertThat(walletBalance("shop-a", customer, currency)).isEqualTo(700);
    String envelope =
        pool.preparedQuery(
                "select envelope::text from outbox_event where event_type = 'TopUpCredited'"
                    + " and message_key = $1")
            .execute(Tuple.of(id))
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getString(0);
    assertThat(EventCodec.payload(EventCodec.decode(envelope)))
        .isEqualTo(
            new TopUpCredited(
                "shop-a",
                id,
                customer,
                700,
                currency,
                "bank-" + id,
                ((TopUpCredited) EventCodec.payload(EventCodec.decode(envelope))).creditedAt(),
                "central"));
  }

  @Test
  void topUpCreditedReachesKafkaThroughTheOutbox() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    String id = requestTopUp("master", customer, 321, currency).then().extract().path("top_up_id");
    admin().post("/internal/top-ups/" + id + "/confirm").then().statusCode(200);

    String record = Events.awaitRecord(Topics.LEDGER, id, Duration.ofSeconds(60));

    TopUpCredited credited = (TopUpCredited) EventCodec.payload(EventCodec.decode(record));
    assertThat(credited.amount()).isEqualTo(321);
    assertThat(credited.customerId()).isEqualTo(customer);
  }

  @Test
  void aSignedCallbackCreditsOnceByProviderTransaction() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    String reference =
        requestTopUp("master", customer, 1_200, currency).then().extract().path("reference");
    String body = callbackBody(reference, "ptx-" + reference, 1_200, currency);

    callback(body).then().statusCode(200).body("status", equalTo("credited"));
    callback(body).then().statusCode(200).body("status", equalTo("credited"));

    assertThat(walletBalance("master", customer, currency)).isEqualTo(1_200);
    assertThat(
            Db.count(
                pool,
                "select count(*) from outbox_event where event_type = 'TopUpCredited'"
                    + " and envelope -> 'payload' ->> 'provider_transaction_id' = $1",
                "ptx-" + reference))
        .isEqualTo(1);
  }

  @Test
  void aForgedOrMissingSignatureIsRefusedWithoutATrace() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    String reference =
        requestTopUp("master", customer, 900, currency).then().extract().path("reference");
    String body = callbackBody(reference, "ptx-" + reference, 900, currency);
    String forged = callbackBody(reference, "ptx-" + reference, 90_000, currency);
    String signatureOfBody =
        CallbackSignature.headerFor(
            LedgerApi.CALLBACK_SECRET, body.getBytes(StandardCharsets.UTF_8));

    callback(body, null)
        .then()
        .statusCode(401)
        .body("type", equalTo("https://flotilla.dev/problems/invalid-signature"));
    callback(forged, signatureOfBody).then().statusCode(401);
    callback(
            body,
            CallbackSignature.headerFor("wrong-secret", body.getBytes(StandardCharsets.UTF_8)))
        .then()
        .statusCode(401);
    callback(body, "sha256=not-hex").then().statusCode(401);

    assertThat(walletBalance("master", customer, currency)).isZero();
    service()
        .get("/internal/top-ups?status=pending&customer_id=" + customer)
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].reference", equalTo(reference));
  }

  @Test
  void aCallbackMustMatchTheRequestedAmountAndAKnownReference() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    String reference =
        requestTopUp("master", customer, 900, currency).then().extract().path("reference");

    callback(callbackBody(reference, "ptx-a-" + reference, 901, currency))
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/amount-mismatch"));
    callback(callbackBody("TU0000000000", "ptx-b-" + reference, 900, currency))
        .then()
        .statusCode(404);
    callback("{\"reference\": \"" + reference + "\"").then().statusCode(400);
    callback("{\"reference\": \"" + reference + "\", \"amount\": 0}").then().statusCode(400);

    assertThat(walletBalance("master", customer, currency)).isZero();
  }

  @Test
  void aProviderTransactionCreditsOneTopUpOnly() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    String first =
        requestTopUp("master", customer, 100, currency).then().extract().path("reference");
    String second =
        requestTopUp("master", customer, 100, currency).then().extract().path("reference");
    String transaction = "ptx-" + first;

    callback(callbackBody(first, transaction, 100, currency)).then().statusCode(200);
    callback(callbackBody(second, transaction, 100, currency))
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/provider-transaction-reused"));

    assertThat(walletBalance("master", customer, currency)).isEqualTo(100);
  }

  @Test
  void badRequestsAreClear4xx() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    requestTopUp("master", customer, 0, currency)
        .then()
        .statusCode(400)
        .body("detail", containsString("amount"));
    requestTopUp("master", customer, -5, currency).then().statusCode(400);
    requestTopUp("master", -1, 5, currency).then().statusCode(400);
    String id = requestTopUp("master", customer, 5, currency).then().extract().path("top_up_id");
    service()
        .post("/internal/top-ups/" + id + "/confirm")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://flotilla.dev/problems/admin-required"));
    admin()
        .post("/internal/top-ups/00000000-0000-0000-0000-000000000000/confirm")
        .then()
        .statusCode(404);
    admin().post("/internal/top-ups/not-an-id/confirm").then().statusCode(404);

    assertThat(walletBalance("master", customer, currency)).isZero();
  }

  @Test
  void anAmountBeyondTheOperatorsMaximumIsRefusedAndOpensNothing() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    requestTopUp("master", customer, 9_223_372_036_854_775_000L, currency)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/amount-too-large"))
        .body("field", equalTo("amount"))
        .body("max_amount", equalTo(100_000_000_000L));
    requestTopUp("master", customer, 100_000_000_001L, currency).then().statusCode(422);
    String id =
        requestTopUp("master", customer, 100_000_000_000L, currency)
            .then()
            .statusCode(201)
            .extract()
            .path("top_up_id");
    admin()
        .body(Map.of("provider_transaction_id", "bank-" + id))
        .post("/internal/top-ups/" + id + "/confirm")
        .then()
        .statusCode(200);

    assertThat(walletBalance("master", customer, currency)).isEqualTo(100_000_000_000L);
    var opened =
        pool.preparedQuery("select count(*) from top_up where customer_id = $1")
            .execute(Tuple.of(customer))
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getLong(0);
    assertThat(opened).isEqualTo(1);
  }

  private static String callbackBody(
      String reference, String transaction, long amount, String currency) {
    return "{\"reference\":\""
        + reference
        + "\",\"provider_transaction_id\":\""
        + transaction
        + "\",\"amount\":"
        + amount
        + ",\"currency\":\""
        + currency
        + "\"}";
  }
}
