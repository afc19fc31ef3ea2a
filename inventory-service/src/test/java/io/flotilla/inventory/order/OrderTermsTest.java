package io.flotilla.inventory.order;

import static io.flotilla.inventory.support.Api.adjust;
import static io.flotilla.inventory.support.Api.countedProduct;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The terms an order is placed on are kept for a moment between orders: changes made through this
 * instance reach the very next order, changes made elsewhere within the time-to-live, and a key's
 * replay still returns its order whatever changed since.
 */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class OrderTermsTest {

  @Inject Pool pool;

  FakeLedger ledger = FakeLedgerResource.ledger();

  @BeforeEach
  void richCustomers() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
  }

  @Test
  void aChangeMadeThroughThisServiceReachesTheNextOrder() {
    UUID product = stocked(700);
    order("master", 61, product, 1, key()).then().statusCode(201);

    patch(product, Map.of("active", false));
    order("master", 61, product, 1, key())
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/product-inactive"));

    patch(product, Map.of("active", true, "base_price", 900));
    order("master", 61, product, 1, key())
        .then()
        .statusCode(201)
        .body("base_unit_price", equalTo(900));
  }

  @Test
  void aChangeMadeElsewhereReachesOrdersWithinTheTimeToLive() {
    UUID product = stocked(700);
    order("master", 62, product, 1, key()).then().statusCode(201);

    // Another replica changed the price: this one learns it when its kept terms expire (2 s).
    pool.preparedQuery("update product set base_price = 800 where id = $1")
        .execute(Tuple.of(product))
        .await()
        .atMost(Duration.ofSeconds(10));

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        order("master", 62, product, 1, key())
                            .then()
                            .statusCode(201)
                            .extract()
                            .<Integer>path("base_unit_price"))
                    .isEqualTo(800));
  }

  @Test
  void aReplayReturnsItsOrderEvenAfterTheProductWentOffSale() {
    UUID product = stocked(700);
    String key = key();
    String orderId =
        order("master", 63, product, 2, key).then().statusCode(201).extract().path("order_id");

    patch(product, Map.of("active", false));

    order("master", 63, product, 2, key)
        .then()
        .statusCode(200)
        .body("order_id", equalTo(orderId))
        .body("state", equalTo("completed"));
    assertThat(ledger.bookedPayments()).isEqualTo(1);
  }

  private static UUID stocked(long basePrice) {
    UUID product = countedProduct(basePrice);
    adjust(product, 100);
    return product;
  }

  private static void patch(UUID product, Map<String, Object> changes) {
    internal()
        .contentType("application/json")
        .body(changes)
        .patch("/internal/products/{id}", product)
        .then()
        .statusCode(200);
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }
}
