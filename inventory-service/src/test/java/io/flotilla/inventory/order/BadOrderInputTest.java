package io.flotilla.inventory.order;

import static io.flotilla.inventory.support.Api.adjust;
import static io.flotilla.inventory.support.Api.countedProduct;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.order;
import static io.flotilla.inventory.support.Api.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.StockAudit;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad orders get a clear 4xx and leave nothing behind: no order, no stock change, no payment. */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class BadOrderInputTest {

  @Inject Pool pool;

  FakeLedger ledger = FakeLedgerResource.ledger();
  UUID product;
  long ordersBefore;

  @BeforeEach
  void aProductInStock() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
    product = product("counted", 100, Map.of("max_per_order", 5));
    adjust(product, 20);
    ordersBefore = orders();
  }

  @AfterEach
  void noTrace() {
    assertThat(orders()).isEqualTo(ordersBefore);
    assertThat(ledger.paymentCalls()).isZero();
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(20, 20, 0, 0));
  }

  @Test
  void zeroOrNegativeQuantity() {
    for (int quantity : new int[] {0, -3}) {
      order("master", 1, product, quantity, key())
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", equalTo("https://flotilla.dev/problems/invalid-field"))
          .body("errors.field", hasItem("quantity"));
    }
  }

  @Test
  void aQuantityOverTheProductsLimit() {
    order("master", 1, product, 6, key())
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/quantity-over-limit"))
        .body("max_quantity", equalTo(5));
  }

  @Test
  void aQuantityOverTheServiceLimit() {
    UUID unlimited = countedProduct(100);

    order("master", 1, unlimited, 101, key())
        .then()
        .statusCode(422)
        .body("max_quantity", equalTo(100));
    order("master", 1, unlimited, 10_001, key()).then().statusCode(400);
  }

  @Test
  void anUnknownProduct() {
    order("master", 1, UUID.randomUUID(), 1, key())
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/unknown-product"));
  }

  @Test
  void anInactiveProduct() {
    UUID withdrawn = product("counted", 100, Map.of("active", false));

    order("master", 1, withdrawn, 1, key())
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/product-inactive"));
  }

  @Test
  void anUnknownShop() {
    order("nobody-here", 1, product, 1, key())
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/unknown-agent"));
    order("Not An Id", 1, product, 1, key())
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("tenant_id"));
  }

  @Test
  void noIdempotencyKey() {
    internal()
        .body(Map.of("tenant_id", "master", "customer_id", 1, "product_id", product, "quantity", 1))
        .post("/internal/orders")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("idempotency_key"));
  }

  @Test
  void missingFieldsAndMalformedJson() {
    internal()
        .header("Idempotency-Key", key())
        .body(Map.of("tenant_id", "master"))
        .post("/internal/orders")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("customer_id"))
        .body("errors.field", hasItem("product_id"))
        .body("errors.field", hasItem("quantity"));
    internal()
        .header("Idempotency-Key", key())
        .body("{\"tenant_id\": \"master\", \"quantity\": \"lots\"")
        .post("/internal/orders")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://flotilla.dev/problems/unreadable-body"));
    internal()
        .header("Idempotency-Key", key())
        .body(
            Map.of(
                "tenant_id", "master", "customer_id", 1, "product_id", "not-a-uuid", "quantity", 1))
        .post("/internal/orders")
        .then()
        .statusCode(400)
        .body("field", equalTo("product_id"));
  }

  private long orders() {
    return pool.query("select count(*) as n from customer_order")
        .execute()
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong("n");
  }

  private static String key() {
    return "bad-" + UUID.randomUUID();
  }
}
