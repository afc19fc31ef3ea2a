package io.flotilla.inventory.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.testkit.infra.InfraSettings;
import io.flotilla.testkit.infra.ServiceProcess;
import io.flotilla.testkit.infra.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crashes the real, packaged service in the middle of a sale and starts it again: an order paid
 * just before the crash completes after the restart, an order whose payment never reached the
 * ledger is released, and nothing is sold twice or lost.
 */
class CrashRecoveryIT {

  private static final String TOKEN = "crash-it-service-token";

  private final HttpClient http = HttpClient.newHttpClient();
  private TestDatabase database;
  private FakeLedger ledger;
  private ServiceProcess service;

  @BeforeEach
  void start() throws Exception {
    database = TestDatabase.create("inventory_crash");
    ledger = FakeLedger.start(TOKEN);
    ledger.defaultBalance(1_000_000);
    service =
        ServiceProcess.builder("inventory-service", "FLOTILLA_INVENTORY_PORT")
            .environment(
                Map.of(
                    "FLOTILLA_SERVICE_TOKEN", TOKEN,
                    "FLOTILLA_LEDGER_URL", ledger.url(),
                    "FLOTILLA_KAFKA_BOOTSTRAP", InfraSettings.kafkaBootstrap()))
            .database(database)
            .systemProperties(
                Map.of(
                    "quarkus.datasource.reactive.max-size",
                    "4",
                    "flotilla.messaging.topic-prefix",
                    "crash" + UUID.randomUUID() + ".",
                    "flotilla.inventory.orders.reservation-timeout",
                    "3s",
                    "flotilla.inventory.recovery.interval",
                    "1s"))
            .logDirectory(Path.of("target", "crash-it"))
            .build()
            .start()
            .awaitReady();
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    if (ledger != null) {
      ledger.close();
    }
    if (database != null) {
      database.drop();
    }
  }

  @Test
  void aCrashAfterThePaymentCompletesTheOrderOnRestartAndAnUnpaidOneIsReleased() throws Exception {
    String product = createProductWithCodes("CRASH-1", "CRASH-2", "CRASH-3");

    // An order whose payment never got booked: the ledger failed before booking.
    ledger.failNext(FakeLedger.Failure.UNAVAILABLE_BEFORE_BOOKING);
    HttpResponse<String> unpaid = order(product, 1, "unpaid-key");
    assertThat(unpaid.statusCode()).isEqualTo(202);
    String unpaidId = new JsonObject(unpaid.body()).getString("order_id");

    // The ledger books the next payment, and the service dies before it hears back.
    ledger.onBooked(orderId -> service.kill());
    assertThatThrownBy(() -> order(product, 2, "paid-key")).isInstanceOf(IOException.class);
    assertThat(service.awaitExit(Duration.ofSeconds(30))).as("the service crashed").isTrue();
    String paidId = orderIdOf("paid-key");
    assertThat(ledger.paymentOf(UUID.fromString(paidId))).as("paid before the crash").isPresent();
    assertThat(stateOf(paidId)).isEqualTo("RESERVED");

    ledger.onBooked(orderId -> {});
    service.start().awaitReady();

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(stateOf(paidId)).isEqualTo("COMPLETED");
              assertThat(stateOf(unpaidId)).isEqualTo("RELEASED");
            });
    JsonObject paid = new JsonObject(get("/internal/orders/" + paidId).body());
    JsonArray items = paid.getJsonArray("items");
    assertThat(items).hasSize(1);
    String delivered = items.getJsonObject(0).getString("code");
    assertThat(ledger.bookedPayments()).as("nothing paid twice").isEqualTo(1);

    HttpResponse<String> replay = order(product, 2, "paid-key");
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(
            new JsonObject(replay.body()).getJsonArray("items").getJsonObject(0).getString("code"))
        .isEqualTo(delivered);
    assertThat(order(product, 1, "unpaid-key").statusCode()).isEqualTo(409);

    HttpResponse<String> rest = orderQuantity(product, 3, "rest-key", 2);
    assertThat(rest.statusCode()).isEqualTo(201);
    List<String> others = new ArrayList<>();
    new JsonObject(rest.body())
        .getJsonArray("items")
        .forEach(item -> others.add(((JsonObject) item).getString("code")));
    assertThat(others).hasSize(2).doesNotContain(delivered);
    assertThat(orderQuantity(product, 4, "none-left", 1).statusCode()).isEqualTo(409);
    assertStockAddsUp(product, 3, 0, 3);
  }

  private String createProductWithCodes(String... codes) throws Exception {
    HttpResponse<String> category =
        post(
            "/internal/categories",
            new JsonObject().put("name_en", "Crash").encode(),
            "application/json");
    HttpResponse<String> product =
        post(
            "/internal/products",
            new JsonObject()
                .put("category_id", new JsonObject(category.body()).getString("category_id"))
                .put("name_en", "Crash test codes")
                .put("kind", "unique")
                .put("base_price", 1_000)
                .encode(),
            "application/json");
    String id = new JsonObject(product.body()).getString("product_id");
    HttpResponse<String> imported =
        post("/internal/products/" + id + "/stock/import", String.join("\n", codes), "text/plain");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    return id;
  }

  private HttpResponse<String> order(String product, long customer, String key) throws Exception {
    return orderQuantity(product, customer, key, 1);
  }

  private HttpResponse<String> orderQuantity(
      String product, long customer, String key, int quantity) throws Exception {
    return http.send(
        request("/internal/orders")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject()
                        .put("tenant_id", "master")
                        .put("customer_id", customer)
                        .put("product_id", product)
                        .put("quantity", quantity)
                        .encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(service.url() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN);
  }

  private String orderIdOf(String idempotencyKey) throws SQLException {
    return single("select id::text from customer_order where idempotency_key = ?", idempotencyKey);
  }

  private String stateOf(String orderId) throws SQLException {
    return single("select state from customer_order where id = ?::uuid", orderId);
  }

  private String single(String sql, String parameter) throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet result = statement.executeQuery()) {
        assertThat(result.next()).as(sql + " " + parameter).isTrue();
        return result.getString(1);
      }
    }
  }

  private void assertStockAddsUp(String product, long total, long available, long sold)
      throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "select s.total, s.available,"
                    + " (select count(*) from stock_item where product_id = s.product_id"
                    + "   and state = 'AVAILABLE') as available_items,"
                    + " (select count(*) from stock_item where product_id = s.product_id"
                    + "   and state = 'SOLD') as sold_items,"
                    + " (select coalesce(sum(quantity), 0) from customer_order"
                    + "   where product_id = s.product_id and state = 'COMPLETED') as sold_orders"
                    + " from product_stock s where s.product_id = ?::uuid")) {
      statement.setString(1, product);
      try (ResultSet result = statement.executeQuery()) {
        assertThat(result.next()).isTrue();
        assertThat(result.getLong("total")).isEqualTo(total);
        assertThat(result.getLong("available")).isEqualTo(available);
        assertThat(result.getLong("available_items")).isEqualTo(available);
        assertThat(result.getLong("sold_items")).isEqualTo(sold);
        assertThat(result.getLong("sold_orders")).isEqualTo(sold);
      }
    }
  }
}
