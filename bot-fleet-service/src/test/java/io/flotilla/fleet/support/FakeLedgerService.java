package io.flotilla.fleet.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger's customer-facing API as the shop bots use it, served over HTTP from the test JVM:
 * wallets with their movements, central top-ups, and Stars top-ups (terms of 13 USDT cents per 10
 * Stars, invoices, the pre-checkout check, and a payment credited once per charge id, as the real
 * ledger does). The fake inventory pays orders from these wallets.
 */
public class FakeLedgerService implements QuarkusTestResourceLifecycleManager {

  public static final String CURRENCY = "USDT";

  private static final Pattern WALLET = Pattern.compile("/internal/wallets/([^/]+)/(\\d+)");
  private static final Pattern STATEMENT =
      Pattern.compile("/internal/wallets/([^/]+)/(\\d+)/statement");
  private static final Pattern PRE_CHECKOUT =
      Pattern.compile("/internal/top-ups/([0-9a-f-]{36})/pre-checkout");
  private static final Pattern STARS_PAYMENT =
      Pattern.compile("/internal/top-ups/([0-9a-f-]{36})/stars-payment");

  /** One movement of a wallet; the amount is signed. */
  public record Movement(String kind, String reference, long amount, long balanceAfter) {}

  /** A top-up as the ledger keeps it. */
  public record TopUp(
      UUID topUpId,
      String reference,
      String tenantId,
      long customerId,
      long amount,
      String method,
      Long stars,
      String status,
      String chargeId) {

    TopUp credited(String charge) {
      return new TopUp(
          topUpId, reference, tenantId, customerId, amount, method, stars, "credited", charge);
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("top_up_id", topUpId);
      json.put("reference", reference);
      json.put("tenant_id", tenantId);
      json.put("customer_id", customerId);
      json.put("amount", amount);
      json.put("currency", CURRENCY);
      json.put("method", method);
      json.put("stars", stars);
      json.put("status", status);
      return json;
    }
  }

  private static final Map<String, List<Movement>> WALLETS = new HashMap<>();
  private static final Map<UUID, TopUp> TOP_UPS = new LinkedHashMap<>();
  private static final Map<String, Integer> CREDITS_PER_TOP_UP = new HashMap<>();
  private static final Set<String> REFUSING_STARS_OF = new HashSet<>();
  private HttpServer server;

  /** Credits a wallet as a confirmed top-up would. */
  public static synchronized void credit(String tenantId, long customerId, long amount) {
    move(tenantId, customerId, "top_up", "seed", amount);
  }

  public static synchronized long balance(String tenantId, long customerId) {
    List<Movement> movements = WALLETS.getOrDefault(key(tenantId, customerId), List.of());
    return movements.isEmpty() ? 0 : movements.getLast().balanceAfter();
  }

  public static synchronized List<Movement> movements(String tenantId, long customerId) {
    return List.copyOf(WALLETS.getOrDefault(key(tenantId, customerId), List.of()));
  }

  /** Pays an order from the wallet; false (nothing written) when the wallet cannot cover it. */
  static synchronized boolean pay(String tenantId, long customerId, long amount, UUID orderId) {
    if (balance(tenantId, customerId) < amount) {
      return false;
    }
    move(tenantId, customerId, "payment", orderId.toString(), -amount);
    return true;
  }

  public static synchronized List<TopUp> topUps(String tenantId, long customerId) {
    return TOP_UPS.values().stream()
        .filter(t -> t.tenantId().equals(tenantId) && t.customerId() == customerId)
        .toList();
  }

  /**
   * Refuses Stars payments of this shop's customers (422 invoice-mismatch) after the pre-checkout
   * said yes, as the ledger does when the payment differs from the invoice.
   */
  public static synchronized void refuseStarsPayments(String tenantId) {
    REFUSING_STARS_OF.add(tenantId);
  }

  /** How many times a top-up was credited: once at most, however often it was paid. */
  public static synchronized int credits(UUID topUpId) {
    return CREDITS_PER_TOP_UP.getOrDefault(topUpId.toString(), 0);
  }

  private static void move(String tenantId, long customerId, String kind, String ref, long amount) {
    List<Movement> movements =
        WALLETS.computeIfAbsent(key(tenantId, customerId), k -> new ArrayList<>());
    long after = (movements.isEmpty() ? 0 : movements.getLast().balanceAfter()) + amount;
    movements.add(new Movement(kind, ref, amount, after));
  }

  private static String key(String tenantId, long customerId) {
    return tenantId + "/" + customerId;
  }

  @Override
  public Map<String, String> start() {
    server = FakeHttp.serve(this::handle);
    return Map.of("quarkus.rest-client.ledger.url", FakeHttp.url(server));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      synchronized (FakeLedgerService.class) {
        route(exchange);
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Matcher wallet = WALLET.matcher(path);
    Matcher statement = STATEMENT.matcher(path);
    Matcher preCheckout = PRE_CHECKOUT.matcher(path);
    Matcher starsPayment = STARS_PAYMENT.matcher(path);
    if (wallet.matches()) {
      long customerId = Long.parseLong(wallet.group(2));
      FakeHttp.answer(
          exchange,
          200,
          Map.of(
              "tenant_id",
              wallet.group(1),
              "customer_id",
              customerId,
              "currency",
              CURRENCY,
              "balance",
              balance(wallet.group(1), customerId)));
    } else if (statement.matches()) {
      statement(exchange, statement.group(1), Long.parseLong(statement.group(2)));
    } else if (path.equals("/internal/top-ups")) {
      JsonNode body = FakeHttp.body(exchange);
      long amount = body.path("amount").asLong();
      if (amount <= 0) {
        FakeHttp.problem(exchange, 400, "invalid-field");
        return;
      }
      TopUp topUp =
          newTopUp(
              body.path("tenant_id").asText(),
              body.path("customer_id").asLong(),
              amount,
              "central",
              null);
      FakeHttp.answer(exchange, 201, topUp.json());
    } else if (path.equals("/internal/top-ups/stars/terms")) {
      FakeHttp.answer(
          exchange,
          200,
          Map.of(
              "rate_minor_units", 13,
              "rate_stars", 10,
              "currency", CURRENCY,
              "min_stars", 1,
              "max_stars", 10000,
              "invoice_validity_seconds", 900));
    } else if (path.equals("/internal/top-ups/stars")) {
      JsonNode body = FakeHttp.body(exchange);
      long stars = body.path("stars").asLong();
      TopUp topUp =
          newTopUp(
              body.path("tenant_id").asText(),
              body.path("customer_id").asLong(),
              stars * 13 / 10,
              "stars",
              stars);
      FakeHttp.answer(exchange, 201, topUp.json());
    } else if (preCheckout.matches()) {
      preCheckout(exchange, UUID.fromString(preCheckout.group(1)), FakeHttp.body(exchange));
    } else if (starsPayment.matches()) {
      starsPayment(exchange, UUID.fromString(starsPayment.group(1)), FakeHttp.body(exchange));
    } else {
      FakeHttp.problem(exchange, 404, "not-found");
    }
  }

  private static TopUp newTopUp(
      String tenantId, long customerId, long amount, String method, Long stars) {
    UUID id = UUID.randomUUID();
    TopUp topUp =
        new TopUp(
            id,
            "TU" + id.toString().replace("-", "").substring(0, 10).toUpperCase(),
            tenantId,
            customerId,
            amount,
            method,
            stars,
            "pending",
            null);
    TOP_UPS.put(id, topUp);
    return topUp;
  }

  private static void statement(HttpExchange exchange, String tenantId, long customerId)
      throws IOException {
    int limit = Integer.parseInt(FakeHttp.query(exchange, "limit"));
    List<Movement> movements = movements(tenantId, customerId).reversed();
    List<Map<String, Object>> items = new ArrayList<>();
    for (Movement movement : movements.subList(0, Math.min(limit, movements.size()))) {
      items.add(
          Map.of(
              "entry_id", items.size() + 1,
              "kind", movement.kind(),
              "reference", movement.reference(),
              "amount", movement.amount(),
              "balance_after", movement.balanceAfter(),
              "at", Instant.now().toString()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account", "customer_wallet");
    body.put("currency", CURRENCY);
    body.put("balance", balance(tenantId, customerId));
    body.put("items", items);
    body.put("next_before", null);
    FakeHttp.answer(exchange, 200, body);
  }

  private static void preCheckout(HttpExchange exchange, UUID topUpId, JsonNode body)
      throws IOException {
    TopUp topUp = TOP_UPS.get(topUpId);
    if (topUp == null || !"stars".equals(topUp.method())) {
      FakeHttp.problem(exchange, 404, "not-found");
    } else if (topUp.status().equals("credited")) {
      FakeHttp.problem(exchange, 409, "top-up-already-credited");
    } else if (topUp.customerId() != body.path("customer_id").asLong()
        || topUp.stars() != body.path("stars").asLong()) {
      FakeHttp.problem(exchange, 422, "invoice-mismatch");
    } else {
      FakeHttp.answer(exchange, 200, topUp.json());
    }
  }

  private static void starsPayment(HttpExchange exchange, UUID topUpId, JsonNode body)
      throws IOException {
    TopUp topUp = TOP_UPS.get(topUpId);
    String charge = body.path("telegram_payment_charge_id").asText();
    if (topUp == null || !"stars".equals(topUp.method())) {
      FakeHttp.problem(exchange, 404, "not-found");
    } else if (REFUSING_STARS_OF.contains(topUp.tenantId())) {
      FakeHttp.problem(exchange, 422, "invoice-mismatch");
    } else if (topUp.status().equals("credited")) {
      if (topUp.chargeId().equals(charge)) {
        FakeHttp.answer(exchange, 200, topUp.json());
      } else {
        FakeHttp.problem(exchange, 409, "top-up-already-credited");
      }
    } else if (topUp.customerId() != body.path("customer_id").asLong()
        || topUp.stars() != body.path("stars").asLong()) {
      FakeHttp.problem(exchange, 422, "invoice-mismatch");
    } else {
      TopUp credited = topUp.credited(charge);
      TOP_UPS.put(topUpId, credited);
      CREDITS_PER_TOP_UP.merge(topUpId.toString(), 1, Integer::sum);
      move(topUp.tenantId(), topUp.customerId(), "top_up", topUpId.toString(), topUp.amount());
      FakeHttp.answer(exchange, 200, credited.json());
    }
  }
}
