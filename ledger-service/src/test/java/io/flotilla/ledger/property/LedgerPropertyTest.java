package io.flotilla.ledger.property;

import static io.flotilla.ledger.support.LedgerApi.admin;
import static io.flotilla.ledger.support.LedgerApi.callback;
import static io.flotilla.ledger.support.LedgerApi.requestTopUp;
import static io.flotilla.ledger.support.LedgerApi.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.maturity.MaturityJob;
import io.flotilla.ledger.refund.OrderEventsConsumer;
import io.flotilla.ledger.support.Events;
import io.flotilla.ledger.support.Ids;
import io.flotilla.ledger.support.LedgerApi;
import io.flotilla.ledger.support.Scenarios;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of top-ups, payments, maturities, refunds and withdrawals, run against the
 * service and against {@link LedgerModel}, compared after every step: every wallet, every agent's
 * breakdown and the platform totals. Each run is seeded; a failure names its seed and step, and
 * {@code -Dledger.property.seed=<seed>} replays exactly that run.
 */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class LedgerPropertyTest {

  private static final int STEPS = 80;
  private static final int FULL_COMPARISON_EVERY = 10;
  private static final long FAST_WINDOW_SECONDS = 3_600;
  private static final long DEFAULT_WINDOW_SECONDS = 48 * 3_600;

  @Inject TestClock clock;
  @Inject MaturityJob maturity;
  @Inject OrderEventsConsumer orderEvents;

  @Test
  void randomOperationsKeepTheLedgerEqualToTheModel() {
    String replay = System.getProperty("ledger.property.seed");
    long[] seeds =
        replay != null
            ? new long[] {Long.parseLong(replay)}
            : LongStream.concat(
                    LongStream.of(20_261_124L, 4_242L),
                    LongStream.of(ThreadLocalRandom.current().nextLong()))
                .toArray();
    for (long seed : seeds) {
      new Run(seed).execute();
    }
  }

  private final class Run {

    private final long seed;
    private final Random random;
    private final LedgerModel model = new LedgerModel();
    private final String currency = Ids.currency();
    private final String fastAgent = Ids.agent();
    private final String slowAgent = Ids.agent();
    private final List<String> shops = List.of("master", fastAgent, slowAgent);
    private final List<Long> customers = List.of(Ids.customer(), Ids.customer());
    private final Map<String, Long> windows =
        Map.of(fastAgent, FAST_WINDOW_SECONDS, slowAgent, DEFAULT_WINDOW_SECONDS);
    private final List<String> refundEnvelopes = new ArrayList<>();
    private int step;
    private String touchedWallet;
    private String operation = "setup";

    Run(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
    }

    void execute() {
      Scenarios.settings(fastAgent, FAST_WINDOW_SECONDS, 100, "TRX-fast");
      Scenarios.settings(slowAgent, 0, 0, "TRX-slow");
      model.agents.put(fastAgent, new LedgerModel.Agent(100));
      model.agents.put(slowAgent, new LedgerModel.Agent(1_000));
      for (step = 1; step <= STEPS; step++) {
        int dice = random.nextInt(100);
        if (dice < 18) {
          topUp();
        } else if (dice < 50) {
          pay();
        } else if (dice < 55) {
          payAgain();
        } else if (dice < 65) {
          advanceAndMature();
        } else if (dice < 75) {
          refund();
        } else if (dice < 85) {
          requestWithdrawal();
        } else {
          withdrawalStep();
        }
        compare();
      }
      operation = "reconciliation";
      check(
          LedgerApi.reconcile().then().statusCode(200).extract().jsonPath().getList("differences"),
          List.of(),
          "reconciliation differences");
    }

    private void topUp() {
      String shop = pick(shops);
      long customer = pick(customers);
      long amount = 1 + random.nextInt(3_000);
      operation = "top-up " + amount + " to " + shop + "/" + customer;
      JsonPath requested =
          requestTopUp(shop, customer, amount, currency)
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      if (random.nextBoolean()) {
        admin()
            .post("/internal/top-ups/" + requested.getString("top_up_id") + "/confirm")
            .then()
            .statusCode(200);
      } else {
        String body =
            "{\"reference\":\"%s\",\"provider_transaction_id\":\"ptx-%s\",\"amount\":%d,\"currency\":\"%s\"}"
                .formatted(
                    requested.getString("reference"),
                    requested.getString("top_up_id"),
                    amount,
                    currency);
        callback(body).then().statusCode(200);
      }
      model.topUp(LedgerModel.wallet(shop, customer), amount);
      touchedWallet = LedgerModel.wallet(shop, customer);
    }

    private void pay() {
      String shop = pick(shops);
      long customer = pick(customers);
      int quantity = 1 + random.nextInt(3);
      long base = 50 + random.nextInt(450);
      long markup = "master".equals(shop) ? 0 : random.nextInt(120);
      String order = Ids.order();
      long amount = (base + markup) * quantity;
      String wallet = LedgerModel.wallet(shop, customer);
      operation = "pay " + amount + " from " + wallet + " for " + order;
      touchedWallet = wallet;
      Map<String, Object> body =
          LedgerApi.payment(order, shop, shop, customer, quantity, base, markup, currency);
      Response response = LedgerApi.pay(body);
      if (!model.canPay(wallet, amount)) {
        check(response.statusCode(), 422, "status of a payment the wallet cannot cover");
        return;
      }
      check(response.statusCode(), 201, "status of a covered payment");
      JsonPath paid = response.jsonPath();
      Instant paidAt = Instant.parse(paid.getString("paid_at"));
      Instant maturesAt = markup == 0 ? null : Instant.parse(paid.getString("matures_at"));
      if (maturesAt != null) {
        check(
            Duration.between(paidAt, maturesAt).toSeconds(),
            windows.get(shop),
            "holding window of " + shop);
      }
      model.pay(
          new LedgerModel.Order(
              order,
              wallet,
              shop,
              amount,
              base * quantity,
              markup * quantity,
              maturesAt,
              body,
              response.asString()));
      check(
          paid.getLong("wallet_balance_after"), model.wallets.get(wallet), "wallet_balance_after");
    }

    /** The same order again: the first answer, unchanged; with other figures, a conflict. */
    private void payAgain() {
      if (model.orders.isEmpty()) {
        return;
      }
      LedgerModel.Order order = pick(List.copyOf(model.orders.values()));
      if (random.nextBoolean()) {
        operation = "pay " + order.id + " again";
        Response again = LedgerApi.pay(order.request);
        check(again.statusCode(), 200, "status of a repeated payment");
        check(again.jsonPath().getMap(""), JsonPath.from(order.response).getMap(""), "replay");
      } else {
        operation = "pay " + order.id + " again with another quantity";
        Map<String, Object> changed = new HashMap<>(order.request);
        changed.put("quantity", (Integer) changed.get("quantity") + 1);
        check(LedgerApi.pay(changed).statusCode(), 409, "status of a mismatched repeat");
      }
    }

    private void advanceAndMature() {
      Duration advance = Duration.ofMinutes(random.nextInt(36 * 60));
      operation = "advance " + advance + " and mature";
      clock.advance(advance);
      maturity.matureDue().await().atMost(Duration.ofSeconds(60));
      model.mature(LedgerTime.now(clock));
    }

    private void refund() {
      List<LedgerModel.Order> refundable = model.refundable();
      if (refundable.isEmpty() || random.nextInt(4) == 0 && !refundEnvelopes.isEmpty()) {
        if (!refundEnvelopes.isEmpty()) {
          operation = "deliver a refund event again";
          consume(pick(refundEnvelopes));
        }
        return;
      }
      LedgerModel.Order order = pick(refundable);
      operation = "refund " + order.id;
      touchedWallet = order.wallet;
      String[] wallet = order.wallet.split("/");
      String envelope =
          Events.envelope(
              new OrderRefunded(
                  wallet[0],
                  order.id,
                  order.agent,
                  Long.parseLong(wallet[1]),
                  order.amount,
                  order.markup,
                  currency,
                  "property test",
                  Instant.now()));
      consume(envelope);
      refundEnvelopes.add(envelope);
      model.refund(order);
    }

    private void requestWithdrawal() {
      String agent = random.nextBoolean() ? fastAgent : slowAgent;
      long available = model.agents.get(agent).available;
      long amount =
          random.nextInt(10) == 0 ? -random.nextInt(50) : random.nextLong(available + 300);
      operation = "withdraw " + amount + " for " + agent;
      Response response = LedgerApi.withdraw(agent, amount, currency, null);
      int expected = model.requestStatus(agent, amount);
      check(response.statusCode(), expected, "status of a withdrawal request");
      if (expected == 201) {
        model.hold(response.jsonPath().getString("withdrawal_id"), agent, amount);
      }
    }

    private void withdrawalStep() {
      if (model.withdrawals.isEmpty()) {
        return;
      }
      String id = pick(List.copyOf(model.withdrawals.keySet()));
      String action = pick(List.of("approve", "approve", "pay", "reject"));
      operation = action + " withdrawal " + id;
      Response response =
          switch (action) {
            case "approve" -> admin().post("/internal/withdrawals/" + id + "/approve");
            case "pay" ->
                admin()
                    .body(Map.of("txid", "tx-" + id))
                    .post("/internal/withdrawals/" + id + "/pay");
            default ->
                admin()
                    .body(Map.of("reason", "random"))
                    .post("/internal/withdrawals/" + id + "/reject");
          };
      check(response.statusCode(), model.step(id, action), "status of " + action);
    }

    /**
     * After every step: the platform totals, both agents and the wallet the step touched; every
     * wallet every few steps and at the end.
     */
    private void compare() {
      List<String> wallets =
          step % FULL_COMPARISON_EVERY == 0 || step == STEPS
              ? shops.stream()
                  .flatMap(shop -> customers.stream().map(c -> LedgerModel.wallet(shop, c)))
                  .toList()
              : touchedWallet == null ? List.of() : List.of(touchedWallet);
      for (String wallet : wallets) {
        String[] parts = wallet.split("/");
        long balance = LedgerApi.walletBalance(parts[0], Long.parseLong(parts[1]), currency);
        check(balance, model.wallets.getOrDefault(wallet, 0L), "wallet " + wallet);
      }
      for (Map.Entry<String, LedgerModel.Agent> entry : model.agents.entrySet()) {
        Map<String, Object> actual = LedgerApi.agentBalance(entry.getKey(), currency);
        LedgerModel.Agent expected = entry.getValue();
        String agent = "agent " + entry.getKey() + " ";
        check(number(actual, "pending"), expected.pending, agent + "pending");
        check(number(actual, "available"), expected.available, agent + "available");
        check(number(actual, "held"), expected.held, agent + "held");
        check(number(actual, "withdrawn"), expected.paidOut, agent + "withdrawn");
        check(number(actual, "receivable"), expected.owed, agent + "receivable");
        assertThat(number(actual, "withdrawn") + number(actual, "held"))
            .as(where(agent + "withdrawn + held <= matured"))
            .isLessThanOrEqualTo(expected.maturedEver);
      }
      Map<String, Object> totals =
          service()
              .queryParam("currency", currency)
              .get("/internal/platform/totals")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getMap("");
      check(number(totals, "customer_wallets"), model.walletTotal(), "total of wallets");
      check(number(totals, "platform_revenue"), model.revenue, "platform revenue");
      check(number(totals, "cash_in"), model.cashIn, "cash in");
      check(number(totals, "agent_pending"), model.agentTotal(a -> a.pending), "total pending");
      check(number(totals, "agent_paid_out"), model.agentTotal(a -> a.paidOut), "total paid out");
      check(number(totals, "book_total"), 0L, "book total");
      touchedWallet = null;
    }

    private void consume(String envelope) {
      try {
        VertxContextSupport.subscribeAndAwait(() -> orderEvents.on(envelope));
      } catch (Throwable e) {
        throw new AssertionError(where("consuming a refund"), e);
      }
    }

    private void check(Object actual, Object expected, String what) {
      assertThat(actual).as(where(what)).isEqualTo(expected);
    }

    private String where(String what) {
      return what
          + " after step "
          + step
          + " ("
          + operation
          + ") of seed "
          + seed
          + " — replay with -Dledger.property.seed="
          + seed;
    }

    private <T> T pick(List<T> items) {
      return items.get(random.nextInt(items.size()));
    }

    private static long number(Map<String, Object> map, String key) {
      return ((Number) map.get(key)).longValue();
    }
  }
}
