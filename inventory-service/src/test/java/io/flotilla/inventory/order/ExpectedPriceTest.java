package io.flotilla.inventory.order;

import static io.flotilla.inventory.support.Api.importCodes;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.order;
import static io.flotilla.inventory.support.Api.orderAt;
import static io.flotilla.inventory.support.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.StockAudit;
import io.flotilla.inventory.support.TenantEvents;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The price shown is the price charged: an order that names the price per item its customer saw is
 * placed at that price or not at all, and a replay of its key is answered as before.
 */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class ExpectedPriceTest {

  @Inject Pool pool;

  FakeLedger ledger = FakeLedgerResource.ledger();

  @BeforeEach
  void richCustomers() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
  }

  @Test
  void anOrderAtTheAgentsPriceNowIsPlaced() {
    String agent = "shown-" + UUID.randomUUID().toString().substring(0, 8);
    TenantEvents.agent(agent, new Markup(MarkupKind.FIXED, 250), 10_000, 1_000);
    UUID product = uniqueProduct(1_000);
    importCodes(product, List.of("EP-1", "EP-2", "EP-3"));

    orderAt(agent, 71, product, 2, key(), 1_250)
        .then()
        .statusCode(201)
        .body("agent_unit_price", equalTo(1_250))
        .body("total_price", equalTo(2_500));
    order(agent, 71, product, 1, key()).then().statusCode(201);

    assertThat(ledger.balanceOf(71)).isEqualTo(1_000_000 - 3 * 1_250);
  }

  @Test
  void anotherPriceIsRefusedWithThePriceNowAndChangesNothing() {
    String agent = "shown-" + UUID.randomUUID().toString().substring(0, 8);
    TenantEvents.agent(agent, new Markup(MarkupKind.FIXED, 250), 10_000, 1_000);
    UUID product = uniqueProduct(1_000);
    importCodes(product, List.of("EP-4", "EP-5"));
    String key = key();

    for (long shown : List.of(1_000L, 1_249L, 1_251L)) {
      orderAt(agent, 72, product, 1, key, shown)
          .then()
          .statusCode(409)
          .body("type", equalTo("https://flotilla.dev/problems/price-changed"))
          .body("unit_price", equalTo(1_250))
          .body("currency", equalTo("USDT"));
    }

    assertThat(ordersOf(product)).isZero();
    assertThat(ledger.paymentCalls()).isZero();
    assertThat(ledger.balanceOf(72)).isEqualTo(1_000_000);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 2, 0, 0));
    // The refusal wrote no order, so the key is still free for the purchase at the price now.
    orderAt(agent, 72, product, 1, key, 1_250).then().statusCode(201);
  }

  @Test
  void aPriceChangedThroughThisServiceIsRefusedAtTheVeryNextOrder() {
    UUID product = uniqueProduct(700);
    importCodes(product, List.of("EP-6", "EP-7"));
    orderAt("master", 73, product, 1, key(), 700).then().statusCode(201);

    internal()
        .body(Map.of("base_price", 900))
        .patch("/internal/products/{id}", product)
        .then()
        .statusCode(200);

    orderAt("master", 73, product, 1, key(), 700)
        .then()
        .statusCode(409)
        .body("unit_price", equalTo(900));
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 1, 0, 1));
    assertThat(ledger.paymentCalls()).isEqualTo(1);
  }

  @Test
  void theNewPriceSetOnAnotherReplicaIsTakenAtOnceByAnOrderThatExpectsIt() {
    UUID product = uniqueProduct(700);
    importCodes(product, List.of("EP-8", "EP-9"));
    // The terms of this shop and product are now kept for a moment (terms-cache-ttl).
    order("master", 74, product, 1, key()).then().statusCode(201);
    pool.preparedQuery("update product set base_price = 800 where id = $1")
        .execute(Tuple.of(product))
        .await()
        .atMost(Duration.ofSeconds(10));

    // The customer saw 800 in a catalog read from the database: the kept 700 is not the last word.
    orderAt("master", 74, product, 1, key(), 800)
        .then()
        .statusCode(201)
        .body("agent_unit_price", equalTo(800));
  }

  @Test
  void aReplayOfAKeyReturnsItsOrderWhateverThePriceIsNow() {
    UUID product = uniqueProduct(500);
    importCodes(product, List.of("EP-10", "EP-11"));
    String key = key();
    Response first = orderAt("master", 75, product, 1, key, 500);
    first.then().statusCode(201);

    internal()
        .body(Map.of("base_price", 650))
        .patch("/internal/products/{id}", product)
        .then()
        .statusCode(200);

    for (Response replay :
        List.of(
            orderAt("master", 75, product, 1, key, 500),
            orderAt("master", 75, product, 1, key, 650),
            order("master", 75, product, 1, key))) {
      replay
          .then()
          .statusCode(200)
          .body("order_id", equalTo(first.path("order_id")))
          .body("agent_unit_price", equalTo(500))
          .body("items.code", equalTo(first.path("items.code")));
    }
    assertThat(ledger.paymentCalls()).isEqualTo(1);
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(2, 1, 0, 1));
  }

  @Test
  void aShownPriceMustBePositive() {
    UUID product = uniqueProduct(500);
    importCodes(product, List.of("EP-12"));

    orderAt("master", 76, product, 1, key(), 0).then().statusCode(400);
    orderAt("master", 76, product, 1, key(), -500).then().statusCode(400);

    assertThat(ordersOf(product)).isZero();
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

  private static String key() {
    return "key-" + UUID.randomUUID();
  }
}
