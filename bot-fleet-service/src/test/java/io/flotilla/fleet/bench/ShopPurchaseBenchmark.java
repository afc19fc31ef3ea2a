package io.flotilla.fleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.events.Topics;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.testkit.infra.InfraSettings;
import io.flotilla.testkit.infra.ServiceProcess;
import io.flotilla.testkit.infra.TestDatabase;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Purchases through the bots against orders alone, in one run on one machine. ledger-service,
 * inventory-service and bot-fleet-service run as their packaged jars, each in its own JVM on its
 * own database; this JVM runs the Telegram emulator, the credential service's bot list and the
 * customers. Each customer, in their chat with one of the agents' bots, does what a person does —
 * "Buy", "1", "Confirm", then "Buy more" — driven by the messages the bot sends them; a purchase is
 * timed from the press of "Confirm" to the "Thank you" on the screen. The reference is the same
 * purchase as the bot makes it, {@code POST /internal/orders} straight to the inventory, measured
 * right after. Run with {@code ./flotilla bench bot-fleet-service}; the write-up is
 * docs/benchmarks/fleet.md.
 */
class ShopPurchaseBenchmark {

  private static final String TOKEN = "bench-service-token";
  private static final int BOTS = Integer.getInteger("bench.bots", 50);
  private static final int CUSTOMERS_PER_BOT = Integer.getInteger("bench.customers-per-bot", 20);
  private static final int REFERENCE_CONCURRENCY =
      Integer.getInteger("bench.reference-concurrency", 128);
  private static final Duration WARM_UP =
      Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 60));
  private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
  private static final long BASE_PRICE = 1_000;
  private static final long FUNDS = 100_000_000L;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String topicPrefix = "bench" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @Test
  void purchasesThroughTheBotsAgainstOrdersAlone() throws Exception {
    List<AutoCloseable> resources = new ArrayList<>();
    try (TelegramBotApiEmulator telegram = TelegramBotApiEmulator.start(0)) {
      FakeCredentialService credentials = new FakeCredentialService();
      Map<String, String> credentialConfig = credentials.start();
      resources.add(credentials::stop);
      ServiceProcess ledger = service("ledger-service", "FLOTILLA_LEDGER_PORT", Map.of(), Map.of());
      resources.add(ledger);
      ledger.start().awaitReady();
      ServiceProcess inventory =
          service(
              "inventory-service",
              "FLOTILLA_INVENTORY_PORT",
              Map.of("FLOTILLA_LEDGER_URL", ledger.url()),
              Map.of());
      resources.add(inventory);
      inventory.start().awaitReady();

      List<String> agents = new ArrayList<>();
      for (int i = 0; i < BOTS; i++) {
        agents.add("bench" + i);
      }
      announce(agents);
      awaitKnown(inventory, agents.getLast());
      String product = counted(inventory);

      List<Customer> customers = new ArrayList<>();
      Map<Long, Customer> byChat = new ConcurrentHashMap<>();
      for (int i = 0; i < BOTS; i++) {
        BotHandle bot = telegram.registerBot("bench" + i + "_shop_bot");
        FakeCredentialService.put(
            new FakeCredentialService.Bot(
                agents.get(i),
                TenantKind.AGENT,
                "Bench " + i,
                bot.id(),
                bot.username(),
                bot.token(),
                "active",
                1000,
                64,
                List.of()));
        for (int c = 0; c < CUSTOMERS_PER_BOT; c++) {
          long id = 700_000L + (long) i * CUSTOMERS_PER_BOT + c;
          Customer customer =
              new Customer(
                  telegram, bot, agents.get(i), new TelegramUser(id, "C" + id, null, "en"));
          customers.add(customer);
          byChat.put(id, customer);
        }
      }
      fund(ledger, customers);

      Map<String, String> fleetConfig = new HashMap<>(credentialConfig);
      fleetConfig.put("flotilla.fleet.reconcile-every", "5s");
      fleetConfig.put("flotilla.fleet.long-poll-timeout", "10s");
      // Customers here press faster than people: flood control is not what is measured.
      fleetConfig.put("flotilla.fleet.dispatch.flood-per-second", "1000");
      fleetConfig.put("flotilla.fleet.dispatch.flood-burst", "1000");
      ServiceProcess fleet =
          service(
              "bot-fleet-service",
              "FLOTILLA_FLEET_PORT",
              Map.of(
                  "FLOTILLA_LEDGER_URL", ledger.url(),
                  "FLOTILLA_INVENTORY_URL", inventory.url(),
                  "FLOTILLA_TELEGRAM_API_URL", telegram.baseUrl()),
              fleetConfig);
      resources.add(fleet);
      fleet.start().awaitReady();

      ExecutorService people = Executors.newFixedThreadPool(4);
      resources.add(people::shutdownNow);
      telegram.onBotMessage(
          (bot, sent) -> {
            Customer customer = byChat.get(sent.chatId());
            if (customer != null) {
              people.execute(() -> customer.saw(sent));
            }
          });
      for (Customer customer : customers) {
        customer.start(product);
      }

      Thread.sleep(WARM_UP.toMillis());
      double[] handlingBefore = handling(fleet);
      Window botWindow = Window.open(customers);
      Thread.sleep(MEASURED.toMillis());
      Window.Result throughBots = botWindow.close(customers);
      double[] handlingAfter = handling(fleet);
      double updates = handlingAfter[0] - handlingBefore[0];
      double meanHandlingMs = 1000 * (handlingAfter[1] - handlingBefore[1]) / updates;
      customers.forEach(Customer::stop);
      Thread.sleep(3_000);

      Window.Result alone = ordersAlone(inventory, agents, product);
      List<String> breaches = new ArrayList<>();
      customers.stream()
          .map(c -> c.bot)
          .distinct()
          .forEach(
              bot -> telegram.limitBreaches(bot.token()).forEach(b -> breaches.add(b.toString())));

      String report =
          """
          ## Purchases through the bots (%s)

          %d bots × %d customers; warm-up %d s, measured %d s; reference %d concurrent orders.

          | path | purchases/s | p50 ms | p99 ms | completed | refused or odd |
          |---|---|---|---|---|---|
          | through the bots (Confirm → "Thank you") | %.0f | %.1f | %.1f | %d | %d |
          | orders alone (POST /internal/orders) | %.0f | %.1f | %.1f | %d | %d |

          Bot path / orders alone: %.0f %% of the throughput; Telegram limits breached: %d.
          The fleet handled %.0f updates/s in the window, %.1f ms each on average (claim, handler
          and its service calls, from the fleet's own timer).
          """
              .formatted(
                  Instant.now(),
                  BOTS,
                  CUSTOMERS_PER_BOT,
                  WARM_UP.toSeconds(),
                  MEASURED.toSeconds(),
                  REFERENCE_CONCURRENCY,
                  throughBots.perSecond(),
                  throughBots.p50(),
                  throughBots.p99(),
                  throughBots.completed(),
                  throughBots.odd(),
                  alone.perSecond(),
                  alone.p50(),
                  alone.p99(),
                  alone.completed(),
                  alone.odd(),
                  100 * throughBots.perSecond() / alone.perSecond(),
                  breaches.size(),
                  updates / MEASURED.toSeconds(),
                  meanHandlingMs);
      System.out.println(report);
      Path out = Path.of("target", "bench", "shop-purchases.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      assertThat(throughBots.completed()).as("purchases through the bots").isPositive();
      assertThat(breaches).as("Telegram's limits").isEmpty();
    } finally {
      for (AutoCloseable resource : resources.reversed()) {
        try {
          resource.close();
        } catch (Exception ignored) {
          // Tearing down: the report is written.
        }
      }
    }
  }

  /** A customer following the bot's messages, one purchase after another. */
  private static final class Customer {
    final TelegramBotApiEmulator telegram;
    final BotHandle bot;
    final String tenant;
    final TelegramUser person;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong completed = new AtomicLong();
    final AtomicLong odd = new AtomicLong();
    final List<Long> latencies = new ArrayList<>();
    volatile long confirmedAt;

    Customer(TelegramBotApiEmulator telegram, BotHandle bot, String tenant, TelegramUser person) {
      this.telegram = telegram;
      this.bot = bot;
      this.tenant = tenant;
      this.person = person;
    }

    void start(String product) {
      telegram.userSendsText(bot.token(), person, "/start p_" + product);
    }

    void stop() {
      running.set(false);
    }

    void saw(SentMessage sent) {
      String text = sent.text();
      if (text.startsWith("Thank you!")) {
        long latency = System.nanoTime() - confirmedAt;
        synchronized (this) {
          latencies.add(latency);
        }
        completed.incrementAndGet();
        return;
      }
      if (!running.get()) {
        return;
      }
      if (text.startsWith("Please confirm")) {
        confirmedAt = System.nanoTime();
        press(sent, "✅ Confirm");
      } else if (text.startsWith("How many")) {
        press(sent, "1");
      } else if (text.startsWith("Your balance is now")) {
        press(sent, "🛒 Buy more");
      } else if (sent.callbackData("🛒 Buy").isPresent()) {
        press(sent, "🛒 Buy");
      } else {
        odd.incrementAndGet();
      }
    }

    private void press(SentMessage sent, String label) {
      sent.callbackData(label)
          .ifPresentOrElse(
              data -> telegram.userPressesButton(bot.token(), person, sent.messageId(), data),
              odd::incrementAndGet);
    }

    synchronized List<Long> takeLatencies() {
      List<Long> taken = new ArrayList<>(latencies);
      latencies.clear();
      return taken;
    }
  }

  /** Counts between two instants. */
  private record Window(long startedAt, long completed, long odd) {

    record Result(double perSecond, double p50, double p99, long completed, long odd) {}

    static Window open(List<Customer> customers) {
      customers.forEach(Customer::takeLatencies);
      return new Window(
          System.nanoTime(),
          customers.stream().mapToLong(c -> c.completed.get()).sum(),
          customers.stream().mapToLong(c -> c.odd.get()).sum());
    }

    Result close(List<Customer> customers) {
      double seconds = (System.nanoTime() - startedAt) / 1e9;
      long done = customers.stream().mapToLong(c -> c.completed.get()).sum() - completed;
      long strange = customers.stream().mapToLong(c -> c.odd.get()).sum() - odd;
      long[] latencies =
          customers.stream().flatMap(c -> c.takeLatencies().stream()).mapToLong(l -> l).toArray();
      return result(done / seconds, latencies, done, strange);
    }

    static Result result(double perSecond, long[] latencies, long done, long strange) {
      Arrays.sort(latencies);
      return new Result(
          perSecond, percentile(latencies, 0.50), percentile(latencies, 0.99), done, strange);
    }

    static double percentile(long[] sorted, double fraction) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] / 1e6;
    }
  }

  /** The inventory's own rate for the same purchase, closed loop at the reference concurrency. */
  private Window.Result ordersAlone(ServiceProcess inventory, List<String> agents, String product)
      throws Exception {
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong done = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < REFERENCE_CONCURRENCY; i++) {
      String tenant = agents.get(i % agents.size());
      long customer =
          700_000L + (long) (i % agents.size()) * CUSTOMERS_PER_BOT + i % CUSTOMERS_PER_BOT;
      clients.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (running.get()) {
                      long started = System.nanoTime();
                      int status = order(inventory, tenant, customer, product);
                      if (measuring.get()) {
                        if (status == 201) {
                          done.incrementAndGet();
                          latencies.add(System.nanoTime() - started);
                        } else {
                          refused.incrementAndGet();
                        }
                      }
                    }
                  }));
    }
    Thread.sleep(10_000);
    measuring.set(true);
    long startedAt = System.nanoTime();
    Thread.sleep(MEASURED.toMillis());
    measuring.set(false);
    double seconds = (System.nanoTime() - startedAt) / 1e9;
    running.set(false);
    for (Thread client : clients) {
      client.join();
    }
    long[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToLong(l -> l).toArray();
    }
    return Window.result(done.get() / seconds, sorted, done.get(), refused.get());
  }

  private int order(ServiceProcess inventory, String tenant, long customer, String product) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(inventory.url() + "/internal/orders"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          new JsonObject()
                              .put("tenant_id", tenant)
                              .put("customer_id", customer)
                              .put("product_id", product)
                              .put("quantity", 1)
                              .put("expected_unit_price", BASE_PRICE * 11 / 10)
                              .encode()))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** The fleet's update-handling timer from its Prometheus metrics: count and total seconds. */
  private double[] handling(ServiceProcess fleet) throws Exception {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create(fleet.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double count = 0;
    double sum = 0;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith("flotilla_fleet_updates_handling_seconds_count")) {
        count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      } else if (line.startsWith("flotilla_fleet_updates_handling_seconds_sum")) {
        sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return new double[] {count, sum};
  }

  private void announce(List<String> agents) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraSettings.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      long botId = 1;
      for (String agent : agents) {
        EventEnvelope envelope =
            EventCodec.wrap(
                new AgentCreated(
                    agent,
                    agent,
                    botId++,
                    agent + "_shop_bot",
                    new Markup(MarkupKind.PERCENT, 1000),
                    0),
                Instant.now());
        producer.send(
            new ProducerRecord<>(
                topicPrefix + Topics.TENANTS, envelope.aggregateId(), EventCodec.encode(envelope)));
      }
      producer.flush();
    }
  }

  private void awaitKnown(ServiceProcess inventory, String agent) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (call(inventory, "GET", "/internal/agents/" + agent + "/pricing", null, Map.of())
            .statusCode()
        != 200) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("inventory never learned of " + agent);
      }
      Thread.sleep(500);
    }
  }

  private String counted(ServiceProcess inventory) throws Exception {
    JsonObject category =
        new JsonObject(
            call(inventory, "POST", "/internal/categories", "{\"name_en\": \"Bench\"}", Map.of())
                .body());
    JsonObject product =
        new JsonObject(
            call(
                    inventory,
                    "POST",
                    "/internal/products",
                    new JsonObject()
                        .put("category_id", category.getString("category_id"))
                        .put("name_en", "Bench card")
                        .put("kind", "counted")
                        .put("base_price", BASE_PRICE)
                        .encode(),
                    Map.of())
                .body());
    String id = product.getString("product_id");
    HttpResponse<String> stocked =
        call(
            inventory,
            "POST",
            "/internal/products/" + id + "/stock/adjust",
            "{\"delta\": 1000000000}",
            Map.of());
    assertThat(stocked.statusCode()).as(stocked.body()).isEqualTo(200);
    return id;
  }

  private void fund(ServiceProcess ledger, List<Customer> customers) throws Exception {
    for (Customer customer : customers) {
      HttpResponse<String> requested =
          call(
              ledger,
              "POST",
              "/internal/top-ups",
              new JsonObject()
                  .put("tenant_id", customer.tenant)
                  .put("customer_id", customer.person.id())
                  .put("amount", FUNDS)
                  .encode(),
              Map.of());
      assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
      String id = new JsonObject(requested.body()).getString("top_up_id");
      HttpResponse<String> confirmed =
          call(
              ledger,
              "POST",
              "/internal/top-ups/" + id + "/confirm",
              "{\"provider_transaction_id\": \"bench-" + UUID.randomUUID() + "\"}",
              Map.of("X-Flotilla-Admin", "bench"));
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    }
  }

  private HttpResponse<String> call(
      ServiceProcess service, String method, String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.url() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private ServiceProcess service(
      String module,
      String portVariable,
      Map<String, String> environment,
      Map<String, String> properties) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("FLOTILLA_SERVICE_TOKEN", TOKEN);
    env.put("FLOTILLA_KAFKA_BOOTSTRAP", InfraSettings.kafkaBootstrap());
    Map<String, String> props = new HashMap<>(properties);
    props.put("flotilla.messaging.topic-prefix", topicPrefix);
    return ServiceProcess.builder(module, portVariable)
        .environment(env)
        .database(TestDatabase.create(module.replace("-service", "").replace('-', '_') + "_bench"))
        .systemProperties(props)
        .jvmArguments(List.of("-Xmx512m"))
        .logDirectory(Path.of("target", "bench"))
        .build();
  }
}
