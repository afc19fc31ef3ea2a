package io.flotilla.inventory.order;

import static io.flotilla.inventory.support.Api.importCodes;
import static io.flotilla.inventory.support.Api.importItems;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.order;
import static io.flotilla.inventory.support.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.contracts.events.OrderPlaced;
import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.OrderEvents;
import io.flotilla.inventory.support.StockAudit;
import io.flotilla.inventory.support.TenantEvents;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
class RefundTest {

  @Inject Pool pool;

  FakeLedger ledger = FakeLedgerResource.ledger();

  @BeforeEach
  void richCustomers() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
  }

  @Test
  void anAgentsOrderIsRefundedExactlyOnceEvenUnderConcurrentRequests() throws Exception {
    String agent = "refund-" + UUID.randomUUID().toString().substring(0, 8);
    TenantEvents.agent(agent, new Markup(MarkupKind.FIXED, 300), 10_000, 1_000);
    UUID product = uniqueProduct(2_000);
    importCodes(product, List.of("RF-1", "RF-2", "RF-3"));
    Response sold = order(agent, 61, product, 2, "rf-" + UUID.randomUUID());
    sold.then().statusCode(201).body("total_price", equalTo(4_600));
    UUID orderId = UUID.fromString(sold.path("order_id"));

    List<Integer> statuses = refundConcurrently(orderId, 8);

    assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
    internal()
        .get("/internal/orders/{id}", orderId)
        .then()
        .body("state", equalTo("refunded"))
        .body("refund_reason", equalTo("codes did not work"))
        .body("items.state", equalTo(List.of("sold", "sold")));
    internal()
        .body(Map.of("reason", "again"))
        .post("/internal/orders/{id}/refund", orderId)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/already-refunded"));
    var events = OrderEvents.about(orderId, 2, Duration.ofSeconds(30));
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(OrderPlaced.class);
    assertThat(events.get(1))
        .isInstanceOfSatisfying(
            OrderRefunded.class,
            refunded -> {
              assertThat(refunded.tenantId()).isEqualTo(agent);
              assertThat(refunded.soldBy()).isEqualTo(agent);
              assertThat(refunded.refundAmount()).isEqualTo(4_600);
              assertThat(refunded.markupTotal()).isEqualTo(600);
              assertThat(refunded.reason()).isEqualTo("codes did not work");
            });
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(3, 1, 0, 2));
  }

  @Test
  void defectiveCodesAreRetiredAndNeverComeBack() {
    UUID product = uniqueProduct(500);
    importCodes(product, List.of("DF-1", "DF-2", "DF-3"));
    Response sold = order("master", 62, product, 2, "df-" + UUID.randomUUID());
    UUID orderId = UUID.fromString(sold.path("order_id"));
    List<Integer> itemIds = sold.path("items.item_id");

    internal()
        .body(Map.of("item_ids", List.of(itemIds.get(0))))
        .post("/internal/orders/{id}/items/defective", orderId)
        .then()
        .statusCode(200)
        .body("items.state", equalTo(List.of("retired", "sold")));

    importItems(product, "text/plain", "DF-1\n")
        .then()
        .statusCode(422)
        .body("errors[0].reason", equalTo("already-in-stock"));
    internal()
        .body(Map.of("item_ids", List.of(999_999_999)))
        .post("/internal/orders/{id}/items/defective", orderId)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/item-not-in-order"));
    var product2 = order("master", 62, product, 1, "df-" + UUID.randomUUID());
    product2.then().statusCode(201).body("items[0].code", equalTo("DF-3"));
    order("master", 62, product, 1, "df-" + UUID.randomUUID()).then().statusCode(409);
    StockAudit.Levels levels = StockAudit.verify(pool, product);
    assertThat(levels).isEqualTo(new StockAudit.Levels(3, 0, 0, 3));
    internal().get("/internal/products/{id}", product).then().body("stock.retired", equalTo(1));
  }

  @Test
  void onlyCompletedOrdersAreRefunded() {
    UUID product = uniqueProduct(500);
    importCodes(product, List.of("NR-1"));
    ledger.balance(63, 0);
    Response refused = order("master", 63, product, 1, "nr-" + UUID.randomUUID());
    refused.then().statusCode(422);

    internal()
        .body(Map.of("reason", "why not"))
        .post("/internal/orders/{id}/refund", refused.<String>path("order_id"))
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/order-not-refundable"));
    internal()
        .body(Map.of("reason", "why not"))
        .post("/internal/orders/{id}/refund", UUID.randomUUID())
        .then()
        .statusCode(404);
    internal()
        .body(Map.of("reason", " "))
        .post("/internal/orders/{id}/refund", refused.<String>path("order_id"))
        .then()
        .statusCode(400);
  }

  private static List<Integer> refundConcurrently(UUID orderId, int requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        calls.add(
            () ->
                internal()
                    .header("X-Flotilla-Admin", "admin-1")
                    .body(Map.of("reason", "codes did not work"))
                    .post("/internal/orders/{id}/refund", orderId)
                    .statusCode());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : pool.invokeAll(calls)) {
        statuses.add(status.get());
      }
      return statuses;
    } finally {
      pool.shutdown();
    }
  }
}
