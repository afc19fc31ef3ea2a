package io.flotilla.inventory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.AgentPricingChanged;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.Topics;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.inventory.support.FakeLedger;
import io.flotilla.testkit.infra.InfraSettings;
import io.flotilla.testkit.infra.ServiceProcess;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Completed orders per second with the real ledger in the loop, against plain pgbench single-row
 * updates measured in the same run on the same PostgreSQL. inventory-service and ledger-service run
 * as their packaged jars, each in its own JVM and on its own database; this JVM runs the load
 * generator. Every customer's wallet is topped up through the ledger's API first, so every order is
 * a real payment: the wallet debited, platform revenue and the agent's pending profit credited, a
 * profit lot booked. Run with {@code ./flotilla bench inventory-service}; the write-up is
 * docs/benchmarks/inventory.md.
 */
class OrderThroughputBenchmark {

  private static final String TOKEN = "bench-service-token";
  private static final int AGENTS = 10;
  private static final int CUSTOMERS_PER_SHOP =
      Integer.getInteger("bench.customers-per-shop", 1_000);
  private static final long WALLET_FUNDS = 1_000_000_000L;
  private static final boolean STUB_LEDGER =
      "stub".equals(System.getProperty("bench.ledger", "real"));
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 128);

  /** The inventory service's limit on lines per stock upload. */
  private static final int CODES_PER_UPLOAD = 100_000;

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final Duration WARM_UP =
      Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 10));
  private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
  private static final Duration JIT_WARM_UP =
      Duration.ofSeconds(Long.getLong("bench.jit-warmup-seconds", 90));

  /** As many pgbench clients as the service has connections (the default pool of 8). */
  private static final int PGBENCH_CLIENTS = Integer.getInteger("bench.pgbench-clients", 8);

  private static final int PGBENCH_SECONDS = Integer.getInteger("bench.pgbench-seconds", 10);

  private final HttpClient http = HttpClient.newHttpClient();

  /** One scenario's outcome next to the pgbench rate measured just before it. */
  private record Measured(String scenario, int round, double pgbench, LoadGenerator.Result result) {

    double share() {
      return result.completedPerSecond() / pgbench;
    }
  }

  /** A scenario: the products its orders are spread over, set up fresh for each round. */
  private record Scenario(String name, ProductSetup products) {}

  /** What the ledger booked against what inventory sold. */
  private record LedgerCheck(long payments, long paid, long ordered, int differences) {}

  /** The ledger the orders pay through. */
  private interface BenchLedger extends AutoCloseable {

    String url();

    /** Gives every customer of every shop the money for the whole run. */
    void fund(LoadGenerator load, List<String> tenants) throws Exception;

    LedgerCheck check(TestDatabase inventory) throws Exception;

    @Override
    void close();
  }

  /** ledger-service itself, packaged, on a database of its own. */
  private final class RealLedger implements BenchLedger {

    private final TestDatabase database = TestDatabase.create("ledger_bench");
    private final ServiceProcess process;

    RealLedger(String topicPrefix) throws Exception {
      process = service("ledger-service", "FLOTILLA_LEDGER_PORT", database, topicPrefix, Map.of());
      process.start().awaitReady();
    }

    @Override
    public String url() {
      return process.url();
    }

    @Override
    public void fund(LoadGenerator load, List<String> tenants) throws Exception {
      Duration took = load.fundWallets(url(), tenants, WALLET_FUNDS);
      System.out.printf(
          "[bench] %d wallets topped up through the ledger in %.1f s%n",
          tenants.size() * CUSTOMERS_PER_SHOP, took.toMillis() / 1000.0);
    }

    @Override
    public LedgerCheck check(TestDatabase inventory) throws Exception {
      HttpResponse<String> reconciliation = get(process, "/internal/reconciliation");
      assertThat(reconciliation.statusCode()).as(reconciliation.body()).isEqualTo(200);
      try (Connection connection = database.connect();
          Statement statement = connection.createStatement();
          ResultSet booked =
              statement.executeQuery("select count(*), coalesce(sum(amount), 0) from payment")) {
        booked.next();
        return new LedgerCheck(
            booked.getLong(1),
            booked.getLong(2),
            soldTotal(inventory),
            new JsonObject(reconciliation.body()).getJsonArray("differences").size());
      }
    }

    @Override
    public void close() {
      process.close();
      database.drop();
    }
  }

  /**
   * The test suites' fake of the payment API, in this JVM: it keeps payments in memory, so the
   * figures are inventory's own, the ledger's database work left out.
   */
  private static final class StubLedger implements BenchLedger {

    private final FakeLedger fake = FakeLedger.start(TOKEN);

    StubLedger() {
      fake.defaultBalance(Long.MAX_VALUE / 4);
    }

    @Override
    public String url() {
      return fake.url();
    }

    @Override
    public void fund(LoadGenerator load, List<String> tenants) {}

    @Override
    public LedgerCheck check(TestDatabase inventory) throws Exception {
      long sold = soldTotal(inventory);
      return new LedgerCheck(fake.bookedPayments(), fake.bookedAmount(), sold, 0);
    }

    @Override
    public void close() {
      fake.close();
    }
  }

  private static long soldTotal(TestDatabase inventory) throws Exception {
    try (Connection connection = inventory.connect();
        Statement statement = connection.createStatement();
        ResultSet sold =
            statement.executeQuery(
                "select coalesce(sum(total_price), 0) from customer_order"
                    + " where completed_at is not null")) {
      sold.next();
      return sold.getLong(1);
    }
  }

  @FunctionalInterface
  private interface ProductSetup {
    List<UUID> create(ServiceProcess service) throws Exception;
  }

  @Test
  void completedOrdersPerSecond() throws Exception {
    List<Measured> results = new ArrayList<>();
    long completed;
    LedgerCheck ledgerCheck;
    Duration relayDrain;
    TestDatabase database = TestDatabase.create("inventory_bench");
    String prefix = "bench" + UUID.randomUUID() + ".";
    try (BenchLedger ledger = STUB_LEDGER ? new StubLedger() : new RealLedger(prefix);
        ServiceProcess service =
            service(
                "inventory-service",
                "FLOTILLA_INVENTORY_PORT",
                database,
                prefix,
                Map.of("FLOTILLA_LEDGER_URL", ledger.url()));
        LoadGenerator load = new LoadGenerator(TOKEN, CONCURRENCY, CUSTOMERS_PER_SHOP);
        PgbenchReference reference = new PgbenchReference()) {
      service.start().awaitReady();
      List<String> tenants = shops(service, prefix);
      ledger.fund(load, tenants);
      // The JIT compiles the order path first, on a product of its own, outside every result.
      load.run(
          service.url(),
          tenants,
          List.of(countedProduct(service, 50_000_000)),
          CONCURRENCY,
          Duration.ZERO,
          JIT_WARM_UP);

      List<Scenario> scenarios =
          List.of(
              new Scenario(
                  "hot product, counted stock", s -> List.of(countedProduct(s, 50_000_000))),
              new Scenario("hot product, unique codes", s -> List.of(uniqueProduct(s, 250_000))),
              new Scenario(
                  "200 products, counted stock",
                  s -> {
                    List<UUID> many = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                      many.add(countedProduct(s, 1_000_000));
                    }
                    return many;
                  }));
      for (int round = 0; round < ROUNDS; round++) {
        // Each round starts with another scenario, so none always runs first or last.
        for (int i = 0; i < scenarios.size(); i++) {
          Scenario scenario = scenarios.get((round + i) % scenarios.size());
          List<UUID> products = scenario.products().create(service);
          double pgbench = reference.singleRowUpdates(PGBENCH_CLIENTS, PGBENCH_SECONDS);
          LoadGenerator.Result result =
              load.run(service.url(), tenants, products, CONCURRENCY, WARM_UP, MEASURED);
          results.add(new Measured(scenario.name(), round + 1, pgbench, result));
          verifyNoOversell(database);
        }
      }
      relayDrain = awaitRelayed(database);
      completed = completedOrders(database);
      ledgerCheck = ledger.check(database);
      assertThat(ledgerCheck.payments()).as("one payment per completed order").isEqualTo(completed);
      assertThat(ledgerCheck.paid())
          .as("the ledger charged what the orders cost")
          .isEqualTo(ledgerCheck.ordered());
      assertThat(ledgerCheck.differences()).as("ledger reconciliation").isZero();
    } finally {
      database.drop();
    }

    String report = report(results, completed, ledgerCheck, relayDrain);
    Path out = Path.of("target", "bench", "inventory-bench.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }

  private static ServiceProcess service(
      String module,
      String portVariable,
      TestDatabase database,
      String topicPrefix,
      Map<String, String> environment) {
    return ServiceProcess.builder(module, portVariable)
        .environment(environment)
        .environment("FLOTILLA_SERVICE_TOKEN", TOKEN)
        .environment("FLOTILLA_KAFKA_BOOTSTRAP", InfraSettings.kafkaBootstrap())
        .database(database)
        .systemProperty("flotilla.messaging.topic-prefix", topicPrefix)
        .jvmArguments(jvmOptions(module))
        .logDirectory(Path.of("target", "bench"))
        .build();
  }

  /**
   * Extra JVM options for one service, e.g. {@code
   * -Dbench.jvm-options.inventory-service=-XX:StartFlightRecording=filename=target/bench/i.jfr}.
   */
  private static List<String> jvmOptions(String module) {
    String options = System.getProperty("bench.jvm-options." + module, "").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  private static String report(
      List<Measured> results, long completed, LedgerCheck ledger, Duration relayDrain) {
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "Run %s: %d orders in flight, %d rounds; per scenario and round: pgbench"
                + " (single-row update, %d clients, %d s), then %d s warm-up and %d s measured.%n%n",
            Instant.now(),
            CONCURRENCY,
            ROUNDS,
            PGBENCH_CLIENTS,
            PGBENCH_SECONDS,
            WARM_UP.toSeconds(),
            MEASURED.toSeconds()));
    report.append(
        "| scenario | round | pgbench tps | completed orders/s | of pgbench | refused | failed"
            + " | p50 ms | p99 ms |\n");
    report.append("|---|---|---|---|---|---|---|---|---|\n");
    results.stream()
        .sorted(Comparator.comparing(Measured::scenario).thenComparing(Measured::round))
        .forEach(
            measured -> {
              LoadGenerator.Result result = measured.result();
              report.append(
                  String.format(
                      "| %s | %d | %.0f | %.0f | %.0f %% | %d | %d | %.1f | %.1f |%n",
                      measured.scenario(),
                      measured.round(),
                      measured.pgbench(),
                      result.completedPerSecond(),
                      100 * measured.share(),
                      result.refused(),
                      result.failed(),
                      result.p50Micros() / 1000.0,
                      result.p99Micros() / 1000.0));
            });
    report.append("\n| scenario | median completed orders/s | median share of pgbench |\n");
    report.append("|---|---|---|\n");
    results.stream()
        .collect(Collectors.groupingBy(Measured::scenario, TreeMap::new, Collectors.toList()))
        .forEach(
            (scenario, rounds) ->
                report.append(
                    String.format(
                        "| %s | %.0f | %.0f %% |%n",
                        scenario,
                        median(rounds.stream().map(m -> m.result().completedPerSecond()).toList()),
                        100 * median(rounds.stream().map(Measured::share).toList()))));
    report.append(
        String.format(
            "%nOversell: none. Stock invariants and sold codes verified after every scenario;"
                + " %d completed orders, %d %s payments charging %d minor units, the orders'"
                + " total%s. Every OrderPlaced reached Kafka %.1f s after the last order.%n",
            completed,
            ledger.payments(),
            STUB_LEDGER ? "stub ledger" : "ledger",
            ledger.paid(),
            STUB_LEDGER
                ? ""
                : "; the ledger's reconciliation found " + ledger.differences() + " differences",
            relayDrain.toMillis() / 1000.0));
    return report.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** Agents announced on Kafka as credential-service would announce them. */
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

  /**
   * A product of {@code codes} unique codes, imported in uploads of the most lines one may have.
   */
  private UUID uniqueProduct(ServiceProcess service, int codes) throws Exception {
    UUID product = product(service, "unique");
    for (int from = 0; from < codes; from += CODES_PER_UPLOAD) {
      StringBuilder body = new StringBuilder();
      for (int i = from; i < Math.min(codes, from + CODES_PER_UPLOAD); i++) {
        body.append("BENCH-").append(product).append('-').append(i).append('\n');
      }
      HttpResponse<String> imported =
          post(
              service,
              "/internal/products/" + product + "/stock/import",
              body.toString(),
              "text/plain");
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    }
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

  /** Waits until the outbox relay has sent every event, and says how long that took. */
  private static Duration awaitRelayed(TestDatabase database) throws Exception {
    Instant start = Instant.now();
    Instant deadline = start.plusSeconds(300);
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      while (true) {
        try (ResultSet unsent =
            statement.executeQuery("select count(*) from outbox_event where sent_at is null")) {
          unsent.next();
          if (unsent.getLong(1) == 0) {
            return Duration.between(start, Instant.now());
          }
        }
        assertThat(Instant.now()).as("the outbox relay keeps up").isBefore(deadline);
        Thread.sleep(200);
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
