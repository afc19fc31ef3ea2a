package io.flotilla.inventory.order;

import static io.flotilla.inventory.support.Api.adjust;
import static io.flotilla.inventory.support.Api.countedProduct;
import static io.flotilla.inventory.support.Api.importCodes;
import static io.flotilla.inventory.support.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.StockAudit;
import io.flotilla.inventory.support.TenantEvents;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fifty shops (the master and 49 agents) sell the last units of one product at the same moment:
 * 1,000 concurrent orders for 100 units. Exactly 100 win, every code goes to one buyer, the other
 * 900 are refused cleanly, and the stock adds up. The same holds when the rush spreads over several
 * products, whose orders are reserved in shared batches.
 */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class ConcurrentOrdersTest {

  private static final int SHOPS = 50;
  private static final int ORDERS = 1_000;
  private static final int STOCK = 100;
  private static final long BASE_PRICE = 1_000;

  private static Vertx vertx;
  private static WebClient client;
  private static List<String> shops;

  @TestHTTPResource URL url;
  @Inject Pool pool;

  FakeLedger ledger = FakeLedgerResource.ledger();

  @BeforeAll
  static void client() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(200).setKeepAlive(true));
  }

  @BeforeEach
  void fiftyShopsWithPayingCustomers() {
    ledger.reset();
    ledger.defaultBalance(1_000_000);
    if (shops != null) {
      return;
    }
    List<String> created = new ArrayList<>();
    created.add("master");
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i < SHOPS; i++) {
      String agent = "rush-" + run + "-" + i;
      // Markups from 0 % up: every shop has its own price for the same unit.
      TenantEvents.announce(agent, new Markup(MarkupKind.PERCENT, i * 100L), 10_000, 100_000);
      created.add(agent);
    }
    for (int i = 1; i < SHOPS; i++) {
      TenantEvents.awaitPricing(created.get(i), new Markup(MarkupKind.PERCENT, i * 100L), 10_000);
    }
    shops = created;
  }

  @AfterAll
  static void closeClient() {
    client.close();
    vertx.close();
  }

  @Test
  void uniqueCodes() throws Exception {
    UUID product = uniqueProduct(BASE_PRICE);
    List<String> codes =
        IntStream.range(0, STOCK).mapToObj(i -> "RUSH-" + UUID.randomUUID()).toList();
    importCodes(product, codes);

    List<HttpResponse<Buffer>> responses = rush(product);

    List<JsonObject> sold = verifyOutcome(product, responses);
    Set<String> delivered = new HashSet<>();
    for (JsonObject order : sold) {
      var items = order.getJsonArray("items");
      assertThat(items).hasSize(1);
      assertThat(delivered.add(items.getJsonObject(0).getString("code")))
          .as("a code delivered twice")
          .isTrue();
    }
    assertThat(delivered).hasSize(STOCK).isSubsetOf(codes);
  }

  @Test
  void mixedQuantitiesShareTheCodesWithoutOverlap() throws Exception {
    UUID product = uniqueProduct(BASE_PRICE);
    importCodes(
        product, IntStream.range(0, STOCK).mapToObj(i -> "MIX-" + UUID.randomUUID()).toList());

    List<HttpResponse<Buffer>> responses = rush(product, 300, i -> 1 + i % 3);

    Set<String> delivered = new HashSet<>();
    long sold = 0;
    for (HttpResponse<Buffer> response : responses) {
      assertThat(response.statusCode()).isIn(201, 409);
      if (response.statusCode() == 201) {
        JsonObject order = response.bodyAsJsonObject();
        var items = order.getJsonArray("items");
        assertThat(items).hasSize(order.getInteger("quantity"));
        items.forEach(
            item ->
                assertThat(delivered.add(((JsonObject) item).getString("code")))
                    .as("a code delivered twice")
                    .isTrue());
        sold += order.getInteger("quantity");
      }
    }
    StockAudit.Levels levels = StockAudit.verify(pool, product);
    assertThat(levels.sold()).isEqualTo(sold).isEqualTo(delivered.size());
    assertThat(levels.available())
        .as("what is left is less than the smallest order that was refused")
        .isLessThan(3);
    assertThat(levels.total()).isEqualTo(STOCK);
  }

  @Test
  void countedStock() throws Exception {
    UUID product = countedProduct(BASE_PRICE);
    adjust(product, STOCK);

    List<HttpResponse<Buffer>> responses = rush(product);

    verifyOutcome(product, responses);
    assertThat(ledger.batchCalls())
        .as("orders reserved together are paid by shared calls")
        .isPositive()
        .isLessThan(ledger.paymentCalls());
  }

  @Test
  void manyProductsAtOnceEachSellExactlyTheirStock() throws Exception {
    int products = 6;
    int stock = 20;
    List<UUID> ids = new ArrayList<>();
    Map<UUID, List<String>> codes = new HashMap<>();
    for (int p = 0; p < products; p++) {
      if (p % 2 == 0) {
        UUID product = uniqueProduct(BASE_PRICE);
        List<String> imported =
            IntStream.range(0, stock).mapToObj(i -> "MANY-" + UUID.randomUUID()).toList();
        importCodes(product, imported);
        codes.put(product, imported);
        ids.add(product);
      } else {
        UUID product = countedProduct(BASE_PRICE);
        adjust(product, stock);
        ids.add(product);
      }
    }

    List<HttpResponse<Buffer>> responses = rush(i -> ids.get(i % products), products * 100, i -> 1);

    Map<String, Long> soldPerProduct = new HashMap<>();
    Set<String> delivered = new HashSet<>();
    for (HttpResponse<Buffer> response : responses) {
      assertThat(response.statusCode()).isIn(201, 409);
      if (response.statusCode() == 201) {
        JsonObject order = response.bodyAsJsonObject();
        soldPerProduct.merge(order.getString("product_id"), 1L, Long::sum);
        order
            .getJsonArray("items")
            .forEach(
                item ->
                    assertThat(delivered.add(((JsonObject) item).getString("code")))
                        .as("a code delivered twice")
                        .isTrue());
      }
    }
    for (UUID product : ids) {
      assertThat(soldPerProduct).containsEntry(product.toString(), (long) stock);
      StockAudit.Levels levels = StockAudit.verify(pool, product);
      assertThat(levels.sold()).isEqualTo(stock);
      assertThat(levels.available()).isZero();
    }
    assertThat(delivered)
        .hasSize(products / 2 * stock)
        .containsExactlyInAnyOrderElementsOf(
            codes.values().stream().flatMap(List::stream).toList());
  }

  private List<HttpResponse<Buffer>> rush(UUID product) throws Exception {
    return rush(product, ORDERS, i -> 1);
  }

  private List<HttpResponse<Buffer>> rush(UUID product, int orders, IntUnaryOperator quantity)
      throws Exception {
    return rush(i -> product, orders, quantity);
  }

  private List<HttpResponse<Buffer>> rush(
      IntFunction<UUID> product, int orders, IntUnaryOperator quantity) throws Exception {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      JsonObject body =
          new JsonObject()
              .put("tenant_id", shops.get(i % SHOPS))
              .put("customer_id", 10_000 + i)
              .put("product_id", product.apply(i).toString())
              .put("quantity", quantity.applyAsInt(i));
      calls.add(
          client
              .postAbs(url + "internal/orders")
              .putHeader("Authorization", "Bearer test-service-token")
              .putHeader("Idempotency-Key", "rush-" + UUID.randomUUID())
              .timeout(TimeUnit.SECONDS.toMillis(60))
              .sendJsonObject(body));
    }
    Future.all(calls).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return calls.stream().map(Future::result).toList();
  }

  /** Checks the outcome of one rush and returns the sold orders. */
  private List<JsonObject> verifyOutcome(UUID product, List<HttpResponse<Buffer>> responses) {
    Map<Integer, Long> statuses =
        responses.stream()
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    assertThat(statuses).containsOnly(Map.entry(201, 100L), Map.entry(409, 900L));
    responses.stream()
        .filter(response -> response.statusCode() == 409)
        .forEach(
            refusal -> {
              assertThat(refusal.getHeader("Content-Type")).startsWith("application/problem+json");
              assertThat(refusal.bodyAsJsonObject().getString("type")).endsWith("/out-of-stock");
            });

    List<JsonObject> sold =
        responses.stream()
            .filter(response -> response.statusCode() == 201)
            .map(HttpResponse::bodyAsJsonObject)
            .toList();
    for (JsonObject order : sold) {
      assertThat(order.getString("state")).isEqualTo("completed");
      assertThat(order.getString("sold_by")).isEqualTo(order.getString("tenant_id"));
      long paid =
          ledger
              .paymentOf(UUID.fromString(order.getString("order_id")))
              .orElseThrow()
              .getLong("amount");
      assertThat(paid).isEqualTo(order.getLong("total_price"));
      long customer = order.getLong("customer_id");
      assertThat(ledger.balanceOf(customer)).isEqualTo(1_000_000 - paid);
    }
    assertThat(ledger.bookedPayments()).isEqualTo(STOCK);
    assertThat(StockAudit.verify(pool, product))
        .isEqualTo(new StockAudit.Levels(STOCK, 0, 0, STOCK));
    long orders =
        pool.preparedQuery("select count(*) as n from customer_order where product_id = $1")
            .execute(Tuple.of(product))
            .await()
            .atMost(Duration.ofSeconds(10))
            .iterator()
            .next()
            .getLong("n");
    assertThat(orders).as("refusals leave no order behind").isEqualTo(STOCK);
    return sold;
  }
}
