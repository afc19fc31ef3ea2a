package io.flotilla.ledger.maturity;

import static io.flotilla.ledger.support.LedgerApi.agentBalance;
import static io.flotilla.ledger.support.LedgerApi.pay;
import static io.flotilla.ledger.support.LedgerApi.payment;
import static io.flotilla.ledger.support.LedgerApi.service;
import static io.flotilla.ledger.support.LedgerApi.topUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.ProfitMatured;
import io.flotilla.contracts.money.Markup;
import io.flotilla.ledger.agent.TenantEventsConsumer;
import io.flotilla.ledger.support.Events;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.Scenarios;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class MaturityTest {

  @Inject Pool pool;
  @Inject TestClock clock;
  @Inject MaturityJob maturity;
  @Inject TenantEventsConsumer tenantEvents;

  @Test
  void profitMaturesAfterTheDefaultWindowAndNotBefore() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);
    String order = Ids.order();
    pay(payment(order, agent, agent, customer, 2, 300, 40, currency)).then().statusCode(201);

    clock.advance(Duration.ofHours(47));
    matureDue();
    assertThat(agentBalance(agent, currency))
        .containsEntry("pending", 80)
        .containsEntry("available", 0);

    clock.advance(Duration.ofHours(1));
    matureDue();
    assertThat(agentBalance(agent, currency))
        .containsEntry("pending", 0)
        .containsEntry("available", 80);
    ProfitMatured event = maturedEvent(order);
    assertThat(event.tenantId()).isEqualTo(agent);
    assertThat(event.amount()).isEqualTo(80);
    assertThat(event.currency()).isEqualTo(currency);
  }

  @Test
  void anAgentsOwnWindowDecidesWhenItsProfitMatures() {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 3_600, 100, "TRX-w");
    long customer = Ids.customer();
    topUp(agent, customer, 1_000, currency);

    JsonPath paid =
        pay(payment(Ids.order(), agent, agent, customer, 1, 100, 10, currency))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertThat(
            Duration.between(
                Instant.parse(paid.getString("paid_at")),
                Instant.parse(paid.getString("matures_at"))))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void agentCreatedSetsTheWindowOnceAndZeroMeansThePlatformDefault() {
    String withWindow = Ids.agent();
    String withDefault = Ids.agent();
    String created =
        Events.envelope(new AgentCreated(withWindow, "W", 1, "w_bot", Markup.NONE, 7_200));

    consume(created);
    consume(created);
    consume(Events.envelope(new AgentCreated(withDefault, "D", 2, "d_bot", Markup.NONE, 0)));

    service()
        .get("/internal/agents/" + withWindow + "/settings")
        .then()
        .statusCode(200)
        .body("holding_window_seconds", equalTo(7_200))
        .body("holding_window_default", equalTo(false));
    service()
        .get("/internal/agents/" + withDefault + "/settings")
        .then()
        .body("holding_window_seconds", equalTo(172_800))
        .body("holding_window_default", equalTo(true));
  }

  @Test
  void agentCreatedArrivesThroughKafka() throws Exception {
    String agent = Ids.agent();
    AgentCreated created = new AgentCreated(agent, "K", 3, "k_bot", Markup.NONE, 900);

    Events.publish(created, Events.envelope(created));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                service()
                    .get("/internal/agents/" + agent + "/settings")
                    .then()
                    .body("holding_window_seconds", equalTo(900)));
  }

  private void consume(String envelope) {
    try {
      VertxContextSupport.subscribeAndAwait(() -> tenantEvents.on(envelope));
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  private void matureDue() {
    maturity.matureDue().await().atMost(Duration.ofSeconds(60));
  }

  private ProfitMatured maturedEvent(String order) {
    String envelope =
        pool.preparedQuery(
                "select envelope::text from outbox_event where event_type = 'ProfitMatured'"
                    + " and message_key = $1")
            .execute(Tuple.of(order))
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getString(0);
    return (ProfitMatured) EventCodec.payload(EventCodec.decode(envelope));
  }
}
