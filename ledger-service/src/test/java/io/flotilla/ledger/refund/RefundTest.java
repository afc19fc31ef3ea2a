package io.flotilla.ledger.refund;

import static io.flotilla.ledger.support.LedgerApi.agentBalance;
import static io.flotilla.ledger.support.LedgerApi.pay;
import static io.flotilla.ledger.support.LedgerApi.payment;
import static io.flotilla.ledger.support.LedgerApi.reconcile;
import static io.flotilla.ledger.support.LedgerApi.service;
import static io.flotilla.ledger.support.LedgerApi.topUp;
import static io.flotilla.ledger.support.LedgerApi.walletBalance;
import static io.flotilla.ledger.support.LedgerApi.withdraw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.OrderPlaced;
import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.ledger.maturity.MaturityJob;
import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Events;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.Scenarios;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class RefundTest {

  @Inject Pool pool;
  @Inject TestClock clock;
  @Inject MaturityJob maturity;
  @Inject OrderEventsConsumer orderEvents;
  @Inject RefundService refunds;

  @Test
  void aRefundWhileProfitIsPendingCancelsIt() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, agent, agent, customer, 2, 200, 50, currency)).then().statusCode(201);

    consume(Events.envelope(refunded(order, agent, customer, 500, 100, currency)));

    assertThat(walletBalance(agent, customer, currency)).isEqualTo(1_000);
    assertThat(agentBalance(agent, currency))
        .containsEntry("pending", 0)
        .containsEntry("available", 0);
    service()
        .get("/internal/payments/" + order)
        .then()
        .body("status", equalTo("refunded"))
        .body("refunded_at", notNullValue());
    assertThat(
            Db.count(
                pool,
                "select count(*) from profit_lot where order_id = $1 and status = 'cancelled'",
                order))
        .isEqualTo(1);
    service()
        .queryParam("currency", currency)
        .get("/internal/platform/totals")
        .then()
        .body("platform_revenue", equalTo(0));
    clock.advance(Duration.ofHours(49));
    maturity.matureDue().await().atMost(Duration.ofSeconds(60));
    assertThat(agentBalance(agent, currency)).containsEntry("available", 0);
  }

  @Test
  void aRefundAfterMaturityTakesTheProfitBackFromAvailable() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 100, "TRX-a");
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, agent, agent, customer, 1, 200, 300, currency)).then().statusCode(201);
    Scenarios.availableProfit(agent, 200, currency, clock, maturity);
    assertThat(agentBalance(agent, currency)).containsEntry("available", 500);

    consume(Events.envelope(refunded(order, agent, customer, 500, 300, currency)));

    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 200)
        .containsEntry("receivable", 0);
    assertThat(walletBalance(agent, customer, currency)).isEqualTo(1_000);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void whatAvailableCannotCoverBecomesAReceivableRepaidByTheNextMaturity() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 100, "TRX-b");
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, agent, agent, customer, 1, 100, 400, currency)).then().statusCode(201);
    clock.advance(Duration.ofSeconds(2));
    maturity.matureDue().await().atMost(Duration.ofSeconds(60));
    withdraw(agent, 300, currency, null).then().statusCode(201);

    consume(Events.envelope(refunded(order, agent, customer, 500, 400, currency)));

    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 0)
        .containsEntry("held", 300)
        .containsEntry("receivable", 300);

    Scenarios.availableProfit(agent, 250, currency, clock, maturity);
    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 0)
        .containsEntry("receivable", 50);
    Scenarios.availableProfit(agent, 120, currency, clock, maturity);
    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 70)
        .containsEntry("receivable", 0);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void aDuplicateEventOrASecondRefundOfTheOrderAppliesOnce() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    topUp("master", customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, "master", "master", customer, 1, 400, 0, currency)).then().statusCode(201);
    OrderRefunded event = refunded(order, "master", customer, 400, 0, currency);
    String envelope = Events.envelope(event);

    consume(envelope);
    consume(envelope);
    consume(Events.envelope(event));

    assertThat(walletBalance("master", customer, currency)).isEqualTo(1_000);
    assertThat(
            Db.count(
                pool,
                "select count(*) from transfer where kind = 'refund' and reference = $1",
                order))
        .isEqualTo(1);
  }

  @Test
  void anOrderPlacedIsSkippedWithoutWritingAnything() {
    String order = Ids.order();
    var placed =
        EventCodec.wrap(
            new OrderPlaced(
                "master",
                order,
                "master",
                Ids.customer(),
                "p-1",
                1,
                400,
                400,
                0,
                400,
                "USDT",
                Instant.now()),
            Instant.now());

    consume(EventCodec.encode(placed));

    assertThat(
            Db.count(
                pool, "select count(*) from processed_event where event_id = $1", placed.eventId()))
        .as("nothing to apply, so nothing recorded")
        .isZero();
    assertThat(Db.count(pool, "select count(*) from transfer where reference = $1", order))
        .isZero();
  }

  @Test
  void aRefundArrivesThroughKafka() throws Exception {
    String currency = Ids.currency();
    long customer = Ids.customer();
    topUp("master", customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, "master", "master", customer, 1, 250, 0, currency)).then().statusCode(201);
    OrderRefunded event = refunded(order, "master", customer, 250, 0, currency);
    String envelope = Events.envelope(event);

    Events.publish(event, envelope);
    Events.publish(event, envelope);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                service()
                    .get("/internal/payments/" + order)
                    .then()
                    .body("status", equalTo("refunded")));
    assertThat(walletBalance("master", customer, currency)).isEqualTo(1_000);
  }

  @Test
  void aRefundThatDoesNotMatchItsPaymentIsNotApplied() {
    String currency = Ids.currency();
    long customer = Ids.customer();
    topUp("master", customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, "master", "master", customer, 1, 250, 0, currency)).then().statusCode(201);

    assertThatThrownBy(() -> refund(refunded(order, "master", customer, 2_500, 0, currency)))
        .isInstanceOf(RefundRejectedException.class);
    assertThatThrownBy(() -> refund(refunded(Ids.order(), "master", customer, 250, 0, currency)))
        .isInstanceOf(RefundRejectedException.class);

    assertThat(walletBalance("master", customer, currency)).isEqualTo(750);
    service().get("/internal/payments/" + order).then().body("status", equalTo("paid"));
  }

  private void refund(OrderRefunded event) {
    refunds.refund(event).await().atMost(Duration.ofSeconds(30));
  }

  private void consume(String envelope) {
    try {
      VertxContextSupport.subscribeAndAwait(() -> orderEvents.on(envelope));
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  static OrderRefunded refunded(
      String order, String soldBy, long customer, long amount, long markup, String currency) {
    return new OrderRefunded(
        soldBy, order, soldBy, customer, amount, markup, currency, "customer asked", Instant.now());
  }
}
