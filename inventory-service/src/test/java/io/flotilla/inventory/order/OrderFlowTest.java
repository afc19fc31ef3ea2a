package io.flotilla.inventory.order;

import static io.flotilla.inventory.support.Api.adjust;
import static io.flotilla.inventory.support.Api.countedProduct;
import static io.flotilla.inventory.support.Api.importCodes;
import static io.flotilla.inventory.support.Api.order;
import static io.flotilla.inventory.support.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flotilla.contracts.events.OrderPlaced;
import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.inventory.support.Api;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.MutableClock;
import io.flotilla.inventory.support.OrderEvents;
import io.flotilla.inventory.support.StockAudit;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class OrderFlowTest {

  private static final Duration PAST_RESERVATION = Duration.ofMinutes(2);

  @Inject Pool pool;
  @Inject MutableClock clock;
  @Inject ReservationRecovery recovery;
  @Inject OrderStore store;

  FakeLedger ledger = FakeLedgerResource.ledger();

  @BeforeEach
  void richCustomers() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
  }

  @Test
  void masterSellsUniqueCodesAtBasePriceAndDeliversThem() {
    UUID product = uniqueProduct(1_500);
    importCodes(product, List.of("CODE-A", "CODE-B", "CODE-C"));

    var response = order("master", 42, product, 2, key());

    response
        .then()
        .statusCode(201)
        .body("state", equalTo("completed"))
        .body("tenant_id", equalTo("master"))
        .body("sold_by", equalTo("master"))
        .body("customer_id", equalTo(42))
        .body("quantity", equalTo(2))
        .body("base_unit_price", equalTo(1500))
        .body("markup_per_unit", equalTo(0))
        .body("agent_unit_price", equalTo(1500))
        .body("total_price", equalTo(3000))
        .body("currency", equalTo("USDT"))
        .body("items", hasSize(2));
    List<String> codes = response.path("items.code");
    assertThat(codes).containsExactly("CODE-A", "CODE-B");
    assertThat(ledger.balanceOf(42)).isEqualTo(1_000_000 - 3_000);
    UUID orderId = UUID.fromString(response.path("order_id"));
    assertThat(ledger.paymentOf(orderId)).isPresent();
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(3, 1, 0, 2));
    Api.internal()
        .get("/internal/orders/{id}", orderId)
        .then()
        .statusCode(200)
        .body("state", equalTo("completed"))
        .body("items.code", equalTo(codes));
  }

  @Test
  void countedStockSellsByConditionalDecrement() {
    UUID product = countedProduct(250);
    adjust(product, 5);

    order("master", 43, product, 3, key())
        .then()
        .statusCode(201)
        .body("state", equalTo("completed"))
        .body("product_kind", equalTo("counted"))
        .body("total_price", equalTo(750))
        .body("items", empty());

    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(5, 2, 0, 3));
  }

  @Test
  void replayingAnIdempotencyKeyReturnsTheSameOrderWithoutPayingTwice() {
    UUID product = uniqueProduct(100);
    importCodes(product, List.of("R1", "R2", "R3"));
    String key = key();

    var first = order("master", 44, product, 1, key);
    first.then().statusCode(201);
    var replay = order("master", 44, product, 1, key);

    replay
        .then()
        .statusCode(200)
        .body("order_id", equalTo(first.path("order_id")))
        .body("items.code", equalTo(first.path("items.code")));
    assertThat(ledger.paymentCalls()).isEqualTo(1);
    assertThat(ledger.balanceOf(44)).isEqualTo(1_000_000 - 100);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(3, 2, 0, 1));
  }

  @Test
  void concurrentRequestsWithOneKeyMakeOneOrderAndOnePayment() throws Exception {
    UUID product = uniqueProduct(100);
    importCodes(product, List.of("C1", "C2", "C3"));
    String key = key();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Callable<Response>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      attempts.add(() -> order("master", 53, product, 1, key));
    }

    List<Response> responses = new ArrayList<>();
    try {
      for (Future<Response> response : threads.invokeAll(attempts)) {
        responses.add(response.get());
      }
    } finally {
      threads.shutdown();
    }

    assertThat(responses)
        .extracting(Response::statusCode)
        .isSubsetOf(200, 201, 202)
        .containsOnlyOnce(201);
    assertThat(responses)
        .extracting(response -> response.<String>path("order_id"))
        .containsOnly(responses.getFirst().<String>path("order_id"));
    assertThat(ledger.bookedPayments()).isEqualTo(1);
    assertThat(ordersOf(product)).isEqualTo(1);
    Api.internal()
        .get("/internal/orders/{id}", responses.getFirst().<String>path("order_id"))
        .then()
        .body("state", equalTo("completed"));
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(3, 2, 0, 1));
  }

  @Test
  void anIdempotencyKeyCannotBeReusedForAnotherPurchase() {
    UUID product = uniqueProduct(100);
    importCodes(product, List.of("K1", "K2"));
    String key = key();
    order("master", 45, product, 1, key).then().statusCode(201);

    order("master", 45, product, 2, key)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://flotilla.dev/problems/idempotency-key-reused"));

    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 1, 0, 1));
  }

  @Test
  void insufficientFundsReleasesTheReservationAndReplaysTheSameRefusal() {
    UUID product = uniqueProduct(5_000);
    importCodes(product, List.of("F1", "F2"));
    ledger.balance(46, 4_999);
    String key = key();

    var refused = order("master", 46, product, 1, key);

    refused
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-funds"));
    String orderId = refused.path("order_id");
    Api.internal()
        .get("/internal/orders/{id}", orderId)
        .then()
        .body("state", equalTo("released"))
        .body("release_reason", equalTo("insufficient-funds"));
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 2, 0, 0));
    assertThat(ledger.balanceOf(46)).isEqualTo(4_999);

    order("master", 46, product, 1, key)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-funds"))
        .body("order_id", equalTo(orderId));
    assertThat(ledger.paymentCalls()).isEqualTo(1);
  }

  @Test
  void codesGivenBackByARefusedOrderAreSoldAgainFirst() {
    UUID product = uniqueProduct(2_000);
    importCodes(product, List.of("G1", "G2", "G3", "G4"));
    order("master", 48, product, 1, key()).then().statusCode(201);
    ledger.balance(49, 1);
    order("master", 49, product, 2, key()).then().statusCode(422);

    var rest = order("master", 48, product, 3, key());

    rest.then().statusCode(201);
    List<String> codes = rest.path("items.code");
    assertThat(codes).containsExactly("G2", "G3", "G4");
    order("master", 48, product, 1, key()).then().statusCode(409);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(4, 0, 0, 4));
  }

  @Test
  void aReplayAfterTheProductSoldOutReturnsItsOrder() {
    UUID product = countedProduct(300);
    adjust(product, 1);
    String key = key();
    String orderId =
        order("master", 50, product, 1, key).then().statusCode(201).extract().path("order_id");

    order("master", 50, product, 1, key)
        .then()
        .statusCode(200)
        .body("order_id", equalTo(orderId))
        .body("state", equalTo("completed"));
    order("master", 50, product, 1, key()).then().statusCode(409);
    assertThat(ledger.paymentCalls()).isEqualTo(1);
  }

  @Test
  void aLedgerWithoutTheBatchRouteIsAskedForEachPaymentAlone() {
    UUID product = countedProduct(400);
    adjust(product, 3);
    ledger.withoutBatchRoute();
    ledger.balance(51, 500);

    order("master", 51, product, 1, key()).then().statusCode(201);
    order("master", 51, product, 1, key())
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-funds"));

    assertThat(ledger.batchCalls()).isZero();
    assertThat(ledger.bookedPayments()).isEqualTo(1);
    assertThat(ledger.balanceOf(51)).isEqualTo(100);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(3, 2, 0, 1));
  }

  @Test
  void soldOutProductIsRefusedWithoutAnyTrace() {
    UUID product = uniqueProduct(100);
    importCodes(product, List.of("S1"));
    order("master", 47, product, 1, key()).then().statusCode(201);

    order("master", 47, product, 1, key())
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/out-of-stock"));
    order("master", 47, product, 1, key()).then().statusCode(409);

    assertThat(ordersOf(product)).isEqualTo(1);
    assertThat(ledger.paymentCalls()).isEqualTo(1);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(1, 0, 0, 1));
  }

  @Test
  void unknownPaymentOutcomeKeepsTheReservationAndAReplayFinishesIt() {
    UUID product = uniqueProduct(300);
    importCodes(product, List.of("U1", "U2"));
    String key = key();
    ledger.failNext(FakeLedger.Failure.UNAVAILABLE_BEFORE_BOOKING);

    var pending = order("master", 48, product, 1, key);

    pending.then().statusCode(202).body("state", equalTo("reserved"));
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 1, 1, 0));

    order("master", 48, product, 1, key)
        .then()
        .statusCode(200)
        .body("order_id", equalTo(pending.path("order_id")))
        .body("state", equalTo("completed"))
        .body("items", hasSize(1));
    assertThat(ledger.bookedPayments()).isEqualTo(1);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 1, 0, 1));
  }

  @Test
  void aPaymentBookedWithoutAnAnswerIsCompletedByRecovery() {
    UUID product = uniqueProduct(300);
    importCodes(product, List.of("P1", "P2"));
    ledger.failNext(FakeLedger.Failure.SILENT_AFTER_BOOKING);

    var pending = order("master", 49, product, 1, key());

    pending.then().statusCode(202).body("state", equalTo("reserved"));
    UUID orderId = UUID.fromString(pending.path("order_id"));
    assertThat(ledger.paymentOf(orderId)).isPresent();

    clock.advance(PAST_RESERVATION);
    ReservationRecovery.Report report = runRecovery();

    assertThat(report.paid()).isGreaterThanOrEqualTo(1);
    Api.internal()
        .get("/internal/orders/{id}", orderId)
        .then()
        .body("state", equalTo("completed"))
        .body(
            "payment_id", equalTo(ledger.paymentOf(orderId).orElseThrow().getString("payment_id")))
        .body("items", hasSize(1));
    assertThat(ledger.bookedPayments()).isEqualTo(1);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 1, 0, 1));
  }

  @Test
  void anExpiredUnpaidReservationIsReleasedOnlyAfterTheLedgerSaysItWasNeverPaid() {
    UUID product = uniqueProduct(300);
    importCodes(product, List.of("E1"));
    String key = key();
    ledger.failNext(FakeLedger.Failure.UNAVAILABLE_BEFORE_BOOKING);
    var pending = order("master", 50, product, 1, key);
    pending.then().statusCode(202);
    UUID orderId = UUID.fromString(pending.path("order_id"));

    runRecovery();
    assertThat(state(orderId)).as("not expired yet").isEqualTo("reserved");

    clock.advance(PAST_RESERVATION);
    int lookups = ledger.lookupCalls();
    runRecovery();

    assertThat(ledger.lookupCalls()).isGreaterThan(lookups);
    assertThat(state(orderId)).isEqualTo("released");
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(1, 1, 0, 0));
    order("master", 50, product, 1, key)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/reservation-expired"));
  }

  @Test
  void aPaymentThatReachesTheLedgerAfterTheReleaseIsRefundedOnTheSecondLook() {
    UUID product = uniqueProduct(700);
    importCodes(product, List.of("L1"));
    ledger.failNext(FakeLedger.Failure.UNAVAILABLE_BEFORE_BOOKING);
    var pending = order("master", 51, product, 1, key());
    UUID orderId = UUID.fromString(pending.path("order_id"));
    clock.advance(PAST_RESERVATION);
    runRecovery();
    assertThat(state(orderId)).isEqualTo("released");

    // A request that was stuck on its way reaches the ledger now and is booked.
    ledger.book(orderId, "master", 51, 1, 700, 0, "USDT");
    clock.advance(Duration.ofMinutes(11));
    runRecovery();

    Api.internal()
        .get("/internal/orders/{id}", orderId)
        .then()
        .body("state", equalTo("refunded"))
        .body("refund_reason", equalTo("payment-after-release"))
        .body("items", empty());
    assertThat(OrderEvents.about(orderId, 1, Duration.ofSeconds(30)))
        .singleElement()
        .isInstanceOfSatisfying(
            OrderRefunded.class,
            refunded -> {
              assertThat(refunded.refundAmount()).isEqualTo(700);
              assertThat(refunded.customerId()).isEqualTo(51);
              assertThat(refunded.reason()).isEqualTo("payment-after-release");
            });
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(1, 1, 0, 0));
  }

  @Test
  void completedOrdersReachKafkaAsOrderPlacedThroughTheOutbox() {
    UUID product = countedProduct(999);
    adjust(product, 1);

    var response = order("master", 52, product, 1, key());

    UUID orderId = UUID.fromString(response.path("order_id"));
    assertThat(OrderEvents.about(orderId, 1, Duration.ofSeconds(30)))
        .singleElement()
        .isInstanceOfSatisfying(
            OrderPlaced.class,
            placed -> {
              assertThat(placed.tenantId()).isEqualTo("master");
              assertThat(placed.soldBy()).isEqualTo("master");
              assertThat(placed.customerId()).isEqualTo(52);
              assertThat(placed.productId()).isEqualTo(product.toString());
              assertThat(placed.quantity()).isEqualTo(1);
              assertThat(placed.baseUnitPrice()).isEqualTo(999);
              assertThat(placed.agentUnitPrice()).isEqualTo(999);
              assertThat(placed.markupPerUnit()).isZero();
              assertThat(placed.totalPrice()).isEqualTo(999);
              assertThat(placed.currency()).isEqualTo("USDT");
            });
  }

  @Test
  void anOrderTwiceInOneCompletionBatchCompletesAndPublishesOnce() {
    UUID product = uniqueProduct(300);
    importCodes(product, List.of("TWICE-1"));
    ledger.failNext(FakeLedger.Failure.UNAVAILABLE_BEFORE_BOOKING);
    var pending = order("master", 51, product, 1, key());
    pending.then().statusCode(202);
    UUID orderId = UUID.fromString(pending.path("order_id"));
    Instant now = clock.instant();
    OrderPlaced placed =
        new OrderPlaced(
            "master",
            orderId.toString(),
            "master",
            51,
            product.toString(),
            1,
            300,
            300,
            0,
            300,
            "USDT",
            now);

    var outcomes =
        store
            .complete(
                List.of(
                    new OrderStore.Completion(orderId, "pay-1", now, placed),
                    new OrderStore.Completion(orderId, "pay-1", now, placed)))
            .await()
            .atMost(Duration.ofSeconds(10));

    assertThat(outcomes.get(0)).hasValueSatisfying(items -> assertThat(items).hasSize(1));
    assertThat(outcomes.get(1)).as("the replay is settled on its own").isEmpty();
    assertThat(state(orderId)).isEqualTo("completed");
    assertThat(
            pool.preparedQuery(
                    "select count(*) as n from outbox_event"
                        + " where event_type = 'OrderPlaced' and message_key = $1")
                .execute(Tuple.of(orderId.toString()))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong("n"))
        .as("one OrderPlaced")
        .isEqualTo(1);
  }

  private ReservationRecovery.Report runRecovery() {
    try {
      return VertxContextSupport.subscribeAndAwait(recovery::run);
    } catch (Throwable e) {
      throw new AssertionError("Recovery failed", e);
    }
  }

  private long ordersOf(UUID product) {
    return pool.preparedQuery("select count(*) as n from customer_order where product_id = $1")
        .execute(Tuple.of(product))
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong("n");
  }

  private static String state(UUID orderId) {
    return Api.internal().get("/internal/orders/{id}", orderId).path("state");
  }

  private static String key() {
    return "key-" + UUID.randomUUID();
  }
}
