package io.flotilla.inventory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.AgentPricingChanged;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.Topics;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.inventory.support.ServiceProcess;
import io.flotilla.testkit.infra.InfraSettings;
import io.flotilla.testkit.infra.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Completed orders per second with the ledger in the loop, against plain pgbench single-row updates
 * measured in the same run on the same PostgreSQL. The service runs as its packaged jar in its own
 * JVM; this JVM runs the load generator and the fake ledger (a stand-in for the real ledger, which
 * does more work per payment). Run with {@code ./flotilla test -pl inventory-service -Pbench}; the
 * write-up is docs/benchmarks/inventory.md.
 */
class OrderThroughputBenchmark {

  private static final String TOKEN = "bench-service-token";
  private static final int AGENTS = 10;
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
  private static final Duration WARM_UP =
      Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 10));
  private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
  private static final Duration JIT_WARM_UP =
      Duration.ofSeconds(Long.getLong("bench.jit-warmup-seconds", 30));
  private static final int PGBENCH_CLIENTS = Integer.getInteger("bench.pgbench-clients", 32);
  private static final int PGBENCH_SECONDS = Integer.getInteger("bench.pgbench-seconds", 10);

  private final HttpClient http = HttpClient.newHttpClient();

  /** One scenario's outcome next to the pgbench rate measured just before it. */
  private record Measured(String scenario, double pgbench, LoadGenerator.Result result) {

    double share() {
      return result.completedPerSecond() / pgbench;
    }
  }

  @Test
  void completedOrdersPerSecond() throws Exception {
    List<Measured> results = new ArrayList<>();
    long completed;
    long payments;
    TestDatabase database = TestDatabase.create("inventory_bench");
    String prefix = "bench" + UUID.randomUUID() + ".";
    try (FakeLedger ledger = FakeLedger.start(TOKEN);
        ServiceProcess service =
            new ServiceProcess(
                Map.of(
                    "FLOTILLA_SERVICE_TOKEN", TOKEN,
                    "FLOTILLA_LEDGER_URL", ledger.url(),
                    "FLOTILLA_KAFKA_BOOTSTRAP", InfraSettings.kafkaBootstrap()),
                Map.of(
                    "quarkus.datasource.reactive.url", database.reactiveUrl(),
                    "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                    "quarkus.datasource.username", database.user(),
                    "quarkus.datasource.password", database.password(),
                    "flotilla.messaging.topic-prefix", prefix),
                Path.of("target", "bench"));
        LoadGenerator load = new LoadGenerator(TOKEN, CONCURRENCY)) {
      ledger.defaultBalance(Long.MAX_VALUE / 4);
      service.start();
      List<String> tenants = shops(service, prefix);
      // The JIT compiles the order path first, on a product of its own, outside every result.
      load.run(
          service.url(),
          tenants,
          List.of(countedProduct(service, 50_000_000)),
          CONCURRENCY,
          Duration.ZERO,
          JIT_WARM_UP);

      UUID hotCounted = countedProduct(service, 50_000_000);
      results.add(
          measure("hot product, counted stock", load, service, tenants, List.of(hotCounted)));
      verifyNoOversell(database);

      UUID hotUnique = uniqueProduct(service, 100_000);
      results.add(measure("hot product, unique codes", load, service, tenants, List.of(hotUnique)));
      verifyNoOversell(database);

      List<UUID> many = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        many.add(countedProduct(service, 1_000_000));
      }
      results.add(measure("200 products, counted stock", load, service, tenants, many));
      verifyNoOversell(database);

      completed = completedOrders(database);
      payments = ledger.bookedPayments();
      assertThat(payments).as("one payment per completed order").isEqualTo(completed);
    } finally {
      database.drop();
    }

    String report = report(results, completed, payments);
    Path out = Path.of("target", "bench", "inventory-bench.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }

  /** pgbench on the same PostgreSQL first, then the orders, so both see the same machine. */
  private static Measured measure(
      String scenario,
      LoadGenerator load,
      ServiceProcess service,
      List<String> tenants,
      List<UUID> products)
      throws Exception {
    double pgbench = PgbenchReference.singleRowUpdates(PGBENCH_CLIENTS, PGBENCH_SECONDS);
    LoadGenerator.Result result =
        load.run(service.url(), tenants, products, CONCURRENCY, WARM_UP, MEASURED);
    return new Measured(scenario, pgbench, result);
  }

  private static String report(List<Measured> results, long completed, long payments) {
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "Run %s: %d orders in flight, %d s warm-up, %d s measured per scenario;"
                + " pgbench (single-row update, %d clients, %d s) right before each.%n%n",
            Instant.now(),
            CONCURRENCY,
            WARM_UP.toSeconds(),
            MEASURED.toSeconds(),
            PGBENCH_CLIENTS,
            PGBENCH_SECONDS));
    report.append(
        "| scenario | pgbench tps | completed orders/s | of pgbench | refused | failed"
            + " | p50 ms | p99 ms |\n");
    report.append("|---|---|---|---|---|---|---|---|\n");
    for (Measured measured : results) {
      LoadGenerator.Result result = measured.result();
      report.append(
          String.format(
              "| %s | %.0f | %.0f | %.0f %% | %d | %d | %.1f | %.1f |%n",
              measured.scenario(),
              measured.pgbench(),
              result.completedPerSecond(),
              100 * measured.share(),
              result.refused(),
              result.failed(),
              result.p50Micros() / 1000.0,
              result.p99Micros() / 1000.0));
    }
    report.append(
        String.format(
            "%nOversell: none. Stock invariants and sold codes verified after every scenario;"
                + " %d completed orders, %d ledger payments.%n",
            completed, payments));
    return report.toString();
  }

  private List<String> shops(ServiceProcess service, String prefix) throws Exception {
    List<String> tenants = new ArrayList<>();
    tenants.add("master");
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraSettings.kafkaBootstrap());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int i = 1; i <= AGENTS; i++) {
        String agent = "bench-agent-" + i;
        Markup markup = new Markup(MarkupKind.PERCENT, 500L * i);
        for (var event :
            List.of(
                new AgentCreated(agent, agent, i, agent, markup, 0),
                new AgentPricingChanged(agent, markup, 10_000, 100_000))) {
          producer
              .send(
                  new ProducerRecord<>(
                      prefix + Topics.TENANTS,
                      agent,
                      EventCodec.encode(EventCodec.wrap(event, Instant.now()))))
              .get();
        }
        tenants.add(agent);
      }
    }
    Instant deadline = Instant.now().plusSeconds(120);
    for (String agent : tenants.subList(1, tenants.size())) {
      while (get(service, "/internal/agents/" + agent + "/pricing").statusCode() != 200) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("Agent " + agent + " never arrived");
        }
        Thread.sleep(200);
      }
    }
    return tenants;
  }

  private UUID countedProduct(ServiceProcess service, long stock) throws Exception {
    UUID product = product(service, "counted");
    HttpResponse<String> adjusted =
        post(
            service,
            "/internal/products/" + product + "/stock/adjust",
            new JsonObject().put("delta", stock).encode(),
            "application/json");
    assertThat(adjusted.statusCode()).as(adjusted.body()).isEqualTo(200);
    return product;
  }

  private UUID uniqueProduct(ServiceProcess service, int codes) throws Exception {
    UUID product = product(service, "unique");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < codes; i++) {
      body.append("BENCH-").append(product).append('-').append(i).append('\n');
    }
    HttpResponse<String> imported =
        post(
            service,
            "/internal/products/" + product + "/stock/import",
            body.toString(),
            "text/plain");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    return product;
  }

  private UUID product(ServiceProcess service, String kind) throws Exception {
    HttpResponse<String> category =
        post(
            service,
            "/internal/categories",
            new JsonObject().put("name_en", "Bench").encode(),
            "application/json");
    HttpResponse<String> product =
        post(
            service,
            "/internal/products",
            new JsonObject()
                .put("category_id", new JsonObject(category.body()).getString("category_id"))
                .put("name_en", "Bench " + kind)
                .put("kind", kind)
                .put("base_price", 1_000)
                .encode(),
            "application/json");
    return UUID.fromString(new JsonObject(product.body()).getString("product_id"));
  }

  /** Every product: available + reserved + sold = total, nothing negative, codes sold once. */
  private static void verifyNoOversell(TestDatabase database) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet broken =
          statement.executeQuery(
              "select s.product_id from product_stock s left join lateral (select"
                  + " coalesce(sum(quantity) filter (where state = 'RESERVED'), 0) as reserved,"
                  + " coalesce(sum(quantity) filter (where completed_at is not null), 0) as sold"
                  + " from customer_order o where o.product_id = s.product_id) o on true"
                  + " where s.available < 0 or s.available + o.reserved + o.sold <> s.total")) {
        assertThat(broken.next()).as("a product whose stock does not add up").isFalse();
      }
      try (ResultSet codes =
          statement.executeQuery(
              "select count(*) filter (where i.state in ('SOLD', 'RETIRED')) as sold_items,"
                  + " (select coalesce(sum(quantity), 0) from customer_order"
                  + "   where product_kind = 'UNIQUE' and completed_at is not null) as sold_units,"
                  + " count(distinct i.order_id) filter (where i.state = 'SOLD') as orders"
                  + " from stock_item i")) {
        codes.next();
        assertThat(codes.getLong("sold_items")).isEqualTo(codes.getLong("sold_units"));
      }
    }
  }

  private static long completedOrders(TestDatabase database) throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "select count(*) from customer_order where completed_at is not null")) {
      result.next();
      return result.getLong(1);
    }
  }

  private HttpResponse<String> post(ServiceProcess service, String path, String body, String type)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(service.url() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(service.url() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
