package io.flotilla.inventory.pricing;

import static io.flotilla.inventory.support.Api.adjust;
import static io.flotilla.inventory.support.Api.category;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.order;
import static io.flotilla.inventory.support.Api.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.contracts.events.AgentPaused;
import io.flotilla.contracts.events.AgentPricingChanged;
import io.flotilla.contracts.events.AgentResumed;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.TenantEvents;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents' prices come from tenant events (a local projection) plus per-product overrides. */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class AgentPricingTest {

  @Inject Pool pool;

  FakeLedger ledger = FakeLedgerResource.ledger();
  String agent;

  @BeforeEach
  void anAgentWithTenPercent() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
    agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    TenantEvents.agent(agent, new Markup(MarkupKind.PERCENT, 1_000), 2_000, 500);
  }

  @Test
  void anAgentSellsAtBasePlusItsMarkupAndTheOrderRecordsBoth() {
    UUID product = product("counted", 1_999, Map.of());
    adjust(product, 10);

    order(agent, 71, product, 3, "ap-" + UUID.randomUUID())
        .then()
        .statusCode(201)
        .body("tenant_id", equalTo(agent))
        .body("sold_by", equalTo(agent))
        .body("base_unit_price", equalTo(1_999))
        // 199.9 rounds half up to 200
        .body("markup_per_unit", equalTo(200))
        .body("agent_unit_price", equalTo(2_199))
        .body("total_price", equalTo(6_597));
    assertThat(ledger.balanceOf(71)).isEqualTo(1_000_000 - 6_597);
  }

  @Test
  void theCatalogShowsEachShopItsOwnPrices() {
    UUID category = category();
    UUID plain = product("counted", 1_000, Map.of("category_id", category));
    UUID capped =
        product("counted", 1_000, Map.of("category_id", category, "max_markup_percent_bp", 500));
    UUID overridden = product("counted", 1_000, Map.of("category_id", category));
    internal()
        .body(Map.of("markup", Map.of("kind", "FIXED", "value", 50)))
        .put("/internal/agents/{a}/prices/{p}", agent, overridden)
        .then()
        .statusCode(200);

    var catalog =
        internal().get("/internal/catalog?tenant_id={t}&category_id={c}", agent, category);

    catalog.then().statusCode(200);
    assertThat(priceOf(catalog, plain)).isEqualTo(1_100);
    assertThat(priceOf(catalog, capped))
        .as("the product caps percent markups at 5 %")
        .isEqualTo(1_050);
    assertThat(priceOf(catalog, overridden)).isEqualTo(1_050);
    var master = internal().get("/internal/catalog?tenant_id=master&category_id={c}", category);
    assertThat(priceOf(master, plain)).isEqualTo(1_000);
    assertThat(priceOf(master, overridden)).isEqualTo(1_000);
  }

  @Test
  void overridesAboveTheAdminsBoundAreRefused() {
    UUID product = product("counted", 1_000, Map.of("max_markup_fixed", 40));

    internal()
        .body(Map.of("markup", Map.of("kind", "PERCENT", "value", 2_001)))
        .put("/internal/agents/{a}/prices/{p}", agent, product)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/markup-over-bound"))
        .body("max_percent_basis_points", equalTo(2_000));
    internal()
        .body(Map.of("markup", Map.of("kind", "FIXED", "value", 41)))
        .put("/internal/agents/{a}/prices/{p}", agent, product)
        .then()
        .statusCode(422)
        .body("max_fixed_minor", equalTo(40));
    internal()
        .body(Map.of("markup", Map.of("kind", "PERCENT", "value", 2_000)))
        .put("/internal/agents/{a}/prices/{p}", agent, product)
        .then()
        .statusCode(200);
    internal()
        .body(Map.of("markup", Map.of("kind", "PERCENT", "value", -1)))
        .put("/internal/agents/{a}/prices/{p}", agent, product)
        .then()
        .statusCode(400);
    internal()
        .body(Map.of("markup", Map.of("kind", "FIXED", "value", 1)))
        .put("/internal/agents/{a}/prices/{p}", "no-such-agent", product)
        .then()
        .statusCode(404);
    internal().delete("/internal/agents/{a}/prices/{p}", agent, product).then().statusCode(204);
    internal().delete("/internal/agents/{a}/prices/{p}", agent, product).then().statusCode(404);
  }

  @Test
  void aMarkupAboveTightenedBoundsIsLoweredToTheBound() {
    UUID product = product("counted", 1_000, Map.of());
    adjust(product, 1);
    TenantEvents.publish(
        new AgentPricingChanged(agent, new Markup(MarkupKind.PERCENT, 1_000), 300, 500));
    TenantEvents.awaitPricing(agent, new Markup(MarkupKind.PERCENT, 1_000), 300);

    order(agent, 72, product, 1, "ap-" + UUID.randomUUID())
        .then()
        .statusCode(201)
        .body("markup_per_unit", equalTo(30));
  }

  @Test
  void aPausedAgentTakesNoOrdersUntilResumed() {
    UUID product = product("counted", 1_000, Map.of());
    adjust(product, 5);

    TenantEvents.publish(new AgentPaused(agent, "admin"));
    TenantEvents.awaitStatus(agent, "paused");

    order(agent, 73, product, 1, "ap-" + UUID.randomUUID())
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/agent-paused"));
    internal()
        .get("/internal/catalog?tenant_id={t}", agent)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/agent-paused"));
    order("master", 73, product, 1, "ap-" + UUID.randomUUID()).then().statusCode(201);

    TenantEvents.publish(new AgentResumed(agent));
    TenantEvents.awaitStatus(agent, "active");

    order(agent, 73, product, 1, "ap-" + UUID.randomUUID()).then().statusCode(201);
  }

  @Test
  void anEventDeliveredTwiceIsAppliedOnce() {
    EventEnvelope paused = EventCodec.wrap(new AgentPaused(agent, "twice"), Instant.now());
    TenantEvents.publish(paused);
    TenantEvents.awaitStatus(agent, "paused");
    TenantEvents.publish(new AgentResumed(agent));
    TenantEvents.awaitStatus(agent, "active");

    TenantEvents.publish(paused);
    TenantEvents.publish(
        new AgentPricingChanged(agent, new Markup(MarkupKind.FIXED, 7), 2_000, 500));
    TenantEvents.awaitPricing(agent, new Markup(MarkupKind.FIXED, 7), 2_000);

    internal().get("/internal/agents/{a}/pricing", agent).then().body("status", equalTo("active"));
    long applied =
        pool.preparedQuery(
                "select count(*) as n from processed_event where consumer = $1 and event_id = $2")
            .execute(Tuple.of("inventory.tenant-events", paused.eventId()))
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getLong("n");
    assertThat(applied).isEqualTo(1);
  }

  private static long priceOf(io.restassured.response.Response catalog, UUID product) {
    Number price = catalog.path("products.find { it.product_id == '" + product + "' }.price");
    return price.longValue();
  }
}
