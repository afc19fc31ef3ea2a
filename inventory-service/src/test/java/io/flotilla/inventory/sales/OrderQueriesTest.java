package io.flotilla.inventory.sales;

import static io.flotilla.inventory.support.Api.adjust;
import static io.flotilla.inventory.support.Api.countedProduct;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.TenantEvents;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class OrderQueriesTest {

  FakeLedger ledger = FakeLedgerResource.ledger();

  @Test
  void ordersArePagedPerTenantAndPerCustomerNewestFirst() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
    String agent = "pages-" + UUID.randomUUID().toString().substring(0, 8);
    TenantEvents.agent(agent, new Markup(MarkupKind.FIXED, 10), 1_000, 1_000);
    UUID product = countedProduct(100);
    adjust(product, 10);
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long customer = i < 3 ? 81 : 82;
      placed.add(order(agent, customer, product, 1, "pg-" + UUID.randomUUID()).path("order_id"));
    }
    order("master", 81, product, 1, "pg-" + UUID.randomUUID()).then().statusCode(201);

    var first = internal().get("/internal/orders?tenant_id={t}&page=1&limit=2", agent);
    first
        .then()
        .statusCode(200)
        .body("total", equalTo(5))
        .body("page", equalTo(1))
        .body("limit", equalTo(2))
        .body("items", hasSize(2))
        .body("items[0]", not(hasKey("items")));
    List<String> pages = new ArrayList<>(first.path("items.order_id"));
    pages.addAll(
        internal()
            .get("/internal/orders?tenant_id={t}&page=2&limit=2", agent)
            .path("items.order_id"));
    pages.addAll(
        internal()
            .get("/internal/orders?tenant_id={t}&page=3&limit=2", agent)
            .path("items.order_id"));
    assertThat(pages).containsExactlyElementsOf(placed.reversed());

    internal()
        .get("/internal/orders?tenant_id={t}&customer_id=81", agent)
        .then()
        .body("total", equalTo(3))
        .body("items.customer_id", equalTo(List.of(81, 81, 81)))
        .body("items.tenant_id", equalTo(List.of(agent, agent, agent)));
    internal().get("/internal/orders?tenant_id={t}&limit=101", agent).then().statusCode(400);
    internal().get("/internal/orders?tenant_id={t}&page=0", agent).then().statusCode(400);
    internal().get("/internal/orders").then().statusCode(400);
  }

  @Test
  void salesAreSummedPerAgentIncludingRefunds() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
    String agent = "sales-" + UUID.randomUUID().toString().substring(0, 8);
    TenantEvents.agent(agent, new Markup(MarkupKind.PERCENT, 2_500), 5_000, 1_000);
    UUID product = countedProduct(400);
    adjust(product, 10);
    Instant from = Instant.now().minus(1, ChronoUnit.MINUTES);
    order(agent, 91, product, 2, "sl-" + UUID.randomUUID()).then().statusCode(201);
    String refunded = order(agent, 92, product, 1, "sl-" + UUID.randomUUID()).path("order_id");
    internal()
        .body(Map.of("reason", "test"))
        .post("/internal/orders/{id}/refund", refunded)
        .then()
        .statusCode(200);

    var report =
        internal()
            .get(
                "/internal/sales/agents?sold_by={a}&from={f}&to={t}",
                agent,
                from.toString(),
                Instant.now().plus(1, ChronoUnit.HOURS).toString());

    report
        .then()
        .statusCode(200)
        .body("sellers", hasSize(1))
        .body("sellers[0].sold_by", equalTo(agent))
        .body("sellers[0].orders", equalTo(2))
        .body("sellers[0].quantity", equalTo(3))
        .body("sellers[0].revenue", equalTo(1_500))
        .body("sellers[0].markup_total", equalTo(300))
        .body("sellers[0].refunded_orders", equalTo(1))
        .body("sellers[0].refunded_amount", equalTo(500));
    internal().get("/internal/sales/agents?from=yesterday").then().statusCode(400);
  }
}
