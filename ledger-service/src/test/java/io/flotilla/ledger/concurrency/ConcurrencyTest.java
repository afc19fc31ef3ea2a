package io.flotilla.ledger.concurrency;

import static io.flotilla.ledger.support.LedgerApi.agentBalance;
import static io.flotilla.ledger.support.LedgerApi.pay;
import static io.flotilla.ledger.support.LedgerApi.payment;
import static io.flotilla.ledger.support.LedgerApi.reconcile;
import static io.flotilla.ledger.support.LedgerApi.topUp;
import static io.flotilla.ledger.support.LedgerApi.walletBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.maturity.MaturityJob;
import io.flotilla.ledger.support.Db;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.LedgerApi;
import io.flotilla.ledger.support.Scenarios;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's invariants under many requests at once, on the real database. */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class ConcurrencyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static HttpClient http;

  @Inject Pool pool;
  @Inject TestClock clock;
  @Inject MaturityJob maturity;
  @Inject MeterRegistry registry;

  @BeforeAll
  static void client() {
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void close() {
    http.close();
  }

  @Test
  void twoHundredPaymentsFromAWalletThatAffordsFiftyChargeExactlyFifty() throws Exception {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 50 * 120 + 37, currency);
    double batchedBefore = bookedInBatch();
    List<String> orders = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String order = Ids.order();
      orders.add(order);
      calls.add(
          post("/internal/payments", payment(order, agent, agent, customer, 1, 100, 20, currency)));
    }

    Map<Integer, Long> statuses = statuses(calls);

    assertThat(statuses)
        .containsOnlyKeys(201, 422)
        .containsEntry(201, 50L)
        .containsEntry(422, 150L);
    assertThat(bookedInBatch() - batchedBefore)
        .as("payments booked by batch statements")
        .isPositive();
    assertThat(walletBalance(agent, customer, currency)).isEqualTo(37);
    assertThat(agentBalance(agent, currency)).containsEntry("pending", 1_000);
    assertThat(
            Db.count(
                pool,
                "select count(*) from payment where order_id = any($1)",
                (Object) orders.toArray(String[]::new)))
        .isEqualTo(50);
    assertThat(
            Db.count(
                pool,
                "select count(*) from profit_lot where order_id = any($1)",
                (Object) orders.toArray(String[]::new)))
        .isEqualTo(50);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void anOrderSentManyTimesAmongOthersAtOnceIsChargedOnce() throws Exception {
    String currency = Ids.currency();
    String agent = Ids.agent();
    long customer = Ids.customer();
    topUp(agent, customer, 10_000, currency);
    String repeated = Ids.order();
    List<CompletableFuture<HttpResponse<String>>> repeats = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      repeats.add(
          post(
              "/internal/payments",
              payment(repeated, agent, agent, customer, 1, 100, 20, currency)));
      others.add(
          post(
              "/internal/payments",
              payment(Ids.order(), agent, agent, customer, 1, 100, 20, currency)));
    }

    assertThat(statuses(repeats)).containsEntry(201, 1L).containsEntry(200, 39L).hasSize(2);
    assertThat(statuses(others)).containsOnlyKeys(201);
    Set<String> paymentIds =
        repeats.stream()
            .map(call -> new JsonObject(call.join().body()).getString("payment_id"))
            .collect(Collectors.toSet());
    assertThat(paymentIds).as("every answer names the one payment").hasSize(1);
    assertThat(walletBalance(agent, customer, currency)).isEqualTo(10_000 - 41 * 120);
    assertThat(agentBalance(agent, currency)).containsEntry("pending", 41 * 20);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void concurrentWithdrawalsNeverExceedAvailable() throws Exception {
    String currency = Ids.currency();
    String agent = Ids.agent();
    Scenarios.settings(agent, 1, 100, "TRX-addr-1");
    Scenarios.availableProfit(agent, 1_000, currency, clock, maturity);
    assertThat(agentBalance(agent, currency)).containsEntry("available", 1_000);

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      calls.add(
          post(
              "/internal/agents/" + agent + "/withdrawals",
              Map.of("amount", 100, "currency", currency)));
    }

    assertThat(statuses(calls)).containsEntry(201, 10L).containsEntry(422, 30L);
    assertThat(agentBalance(agent, currency))
        .containsEntry("available", 0)
        .containsEntry("held", 1_000);
    assertThat(Db.count(pool, "select count(*) from withdrawal where agent_id = $1", agent))
        .isEqualTo(10);
    reconcile().then().statusCode(200).body("differences", empty());
  }

  @Test
  void twoMaturityJobsAtOnceMatureEachLotOnce() {
    String currency = Ids.currency();
    List<String> agents = List.of(Ids.agent(), Ids.agent(), Ids.agent());
    List<String> orders = new ArrayList<>();
    long customer = Ids.customer();
    topUp("master", customer, 1_000_000, currency);
    for (int i = 0; i < 240; i++) {
      String agent = agents.get(i % agents.size());
      String order = Ids.order();
      orders.add(order);
      pay(payment(order, "master", agent, customer, 1, 100, 7 + i % 3, currency))
          .then()
          .statusCode(201);
    }
    long profit =
        Db.count(
            pool,
            "select sum(amount) from profit_lot where order_id = any($1)",
            (Object) orders.toArray(String[]::new));
    clock.advance(Duration.ofHours(49));

    Uni<Integer> first = drain(10);
    Uni<Integer> second = drain(10);
    List<Integer> matured =
        Uni.join().all(first, second).andFailFast().await().atMost(Duration.ofSeconds(120));

    String[] orderIds = orders.toArray(String[]::new);
    assertThat(matured.get(0) + matured.get(1)).isGreaterThanOrEqualTo(orders.size());
    assertThat(
            Db.count(
                pool,
                "select count(*) from profit_lot where order_id = any($1) and status = 'matured'",
                (Object) orderIds))
        .isEqualTo(orders.size());
    assertThat(
            Db.count(
                pool,
                "select count(*) from outbox_event where event_type = 'ProfitMatured'"
                    + " and message_key = any($1)",
                (Object) orderIds))
        .isEqualTo(orders.size());
    long available =
        agents.stream()
            .mapToLong(
                agent -> ((Number) agentBalance(agent, currency).get("available")).longValue())
            .sum();
    assertThat(available).isEqualTo(profit);
    assertThat(agents)
        .allSatisfy(agent -> assertThat(agentBalance(agent, currency)).containsEntry("pending", 0));
    reconcile().then().statusCode(200).body("differences", empty());
  }

  private double bookedInBatch() {
    return registry.counter("flotilla.ledger.payments.booked", "by", "batch").count();
  }

  /** One replica's job: batches until nothing is due. */
  private Uni<Integer> drain(int batchSize) {
    return maturity
        .matureBatch(LedgerTime.now(clock), batchSize)
        .chain(
            count ->
                count == 0 ? Uni.createFrom().item(0) : drain(batchSize).map(more -> more + count));
  }

  private static CompletableFuture<HttpResponse<String>> post(String path, Object body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
            .header("Authorization", "Bearer " + LedgerApi.SERVICE_TOKEN)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Map<Integer, Long> statuses(List<CompletableFuture<HttpResponse<String>>> calls) {
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    return calls.stream()
        .map(CompletableFuture::join)
        .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
  }
}
