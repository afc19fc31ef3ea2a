package io.flotilla.fleet.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger and inventory routes the agent and admin commands use, over HTTP from the test JVM,
 * with the rules that matter to a person in a bot: an agent's balances and withdrawal settings; a
 * withdrawal's steps once and in order (409 withdrawal-step-out-of-order), a txid used once, the
 * acting admin required; pending central top-ups; sales per agent; a product's stock import, all or
 * nothing, refusing duplicate lines as the inventory does.
 */
public class FakeAgentBackOffice implements QuarkusTestResourceLifecycleManager {

  public static final String CURRENCY = "USDT";

  /** An agent's money in minor units, and the rules for its withdrawals. */
  public record Money(
      long pending,
      long available,
      long held,
      long withdrawn,
      long receivable,
      long minWithdrawal,
      String payoutAddress) {}

  /** A withdrawal as the ledger keeps it. */
  public record Withdrawal(
      UUID withdrawalId,
      String agentId,
      long amount,
      String payoutAddress,
      String status,
      String txid,
      String rejectReason,
      String decidedBy,
      Instant requestedAt) {}

  public record TopUp(
      UUID topUpId, String reference, String tenantId, long customerId, long amount) {}

  public record Sales(long orders, long markupTotal) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Pattern AGENT = Pattern.compile("/internal/agents/([^/]+)/([a-z]+)");
  private static final Pattern WITHDRAWAL =
      Pattern.compile("/internal/withdrawals/([^/]+)(/[a-z]+)?");
  private static final Pattern TOP_UP_CONFIRM =
      Pattern.compile("/internal/top-ups/([^/]+)/confirm");
  private static final Pattern PRODUCT =
      Pattern.compile("/internal/products/([^/]+)(/stock/import)?");

  private static final Map<String, Money> MONEY = new ConcurrentHashMap<>();
  private static final Map<UUID, Withdrawal> WITHDRAWALS = new ConcurrentHashMap<>();
  private static final Map<String, UUID> IDEMPOTENCY_KEYS = new ConcurrentHashMap<>();
  private static final Map<UUID, TopUp> TOP_UPS = new ConcurrentHashMap<>();
  private static final Set<UUID> CREDITED = ConcurrentHashMap.newKeySet();
  private static final Map<String, Sales> SALES = new ConcurrentHashMap<>();
  private static final Map<UUID, String> PRODUCTS = new ConcurrentHashMap<>();
  private static final Map<UUID, List<String>> STOCK = new ConcurrentHashMap<>();
  private static final List<String> STEPS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger IMPORT_UPLOADS = new AtomicInteger();
  private HttpServer server;

  public static void money(String agentId, Money money) {
    MONEY.put(agentId, money);
  }

  public static Money money(String agentId) {
    return MONEY.getOrDefault(agentId, new Money(0, 0, 0, 0, 0, 1000, null));
  }

  public static void withdrawal(Withdrawal withdrawal) {
    WITHDRAWALS.put(withdrawal.withdrawalId(), withdrawal);
  }

  public static List<Withdrawal> withdrawalsOf(String agentId) {
    return WITHDRAWALS.values().stream().filter(w -> w.agentId().equals(agentId)).toList();
  }

  public static Withdrawal withdrawal(UUID id) {
    return WITHDRAWALS.get(id);
  }

  /** "step id by admin" for each step done, e.g. {@code approve <id> by tg:1}. */
  public static List<String> steps() {
    return List.copyOf(STEPS);
  }

  public static void topUp(TopUp topUp) {
    TOP_UPS.put(topUp.topUpId(), topUp);
  }

  public static boolean credited(UUID topUpId) {
    return CREDITED.contains(topUpId);
  }

  public static void sales(String agentId, Sales sales) {
    SALES.put(agentId, sales);
  }

  /** A product of unique items with this stock already in it. */
  public static void product(UUID productId, String name, List<String> stock) {
    PRODUCTS.put(productId, name);
    STOCK.put(productId, new CopyOnWriteArrayList<>(stock));
  }

  public static List<String> stock(UUID productId) {
    return List.copyOf(STOCK.get(productId));
  }

  public static int importUploads() {
    return IMPORT_UPLOADS.get();
  }

  /**
   * Started after the shop's fakes of the same services, which every test gets: in the tests that
   * name this one (with {@code restrictToAnnotatedClass}), its URLs are the ones in force.
   */
  @Override
  public int order() {
    return 1000;
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/internal", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of("quarkus.rest-client.ledger.url", url, "quarkus.rest-client.inventory.url", url);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String admin = exchange.getRequestHeaders().getFirst("X-Flotilla-Admin");
      Matcher agent = AGENT.matcher(path);
      Matcher withdrawal = WITHDRAWAL.matcher(path);
      Matcher confirm = TOP_UP_CONFIRM.matcher(path);
      Matcher product = PRODUCT.matcher(path);
      if (agent.matches()) {
        agentRoute(exchange, method, agent.group(1), agent.group(2));
      } else if (path.equals("/internal/withdrawals")) {
        String status = query(exchange, "status");
        int limit = Integer.parseInt(Objects.requireNonNullElse(query(exchange, "limit"), "50"));
        answer(
            exchange,
            200,
            WITHDRAWALS.values().stream()
                .filter(w -> status == null || w.status().equals(status))
                .sorted(Comparator.comparing(Withdrawal::requestedAt).reversed())
                .limit(limit)
                .map(FakeAgentBackOffice::view)
                .toList());
      } else if (withdrawal.matches()) {
        step(exchange, admin, withdrawal.group(1), withdrawal.group(2));
      } else if (path.equals("/internal/top-ups")) {
        int page = Integer.parseInt(Objects.requireNonNullElse(query(exchange, "page"), "0"));
        answer(
            exchange,
            200,
            page > 0
                ? List.of()
                : TOP_UPS.values().stream()
                    .filter(t -> !CREDITED.contains(t.topUpId()))
                    .map(t -> topUpView(t, "pending"))
                    .toList());
      } else if (confirm.matches()) {
        confirmTopUp(exchange, admin, confirm.group(1));
      } else if (path.equals("/internal/sales/agents")) {
        String soldBy = query(exchange, "sold_by");
        Sales sales = SALES.getOrDefault(soldBy, new Sales(0, 0));
        answer(
            exchange,
            200,
            Map.of(
                "currency",
                CURRENCY,
                "sellers",
                List.of(
                    Map.of(
                        "sold_by", soldBy,
                        "orders", sales.orders(),
                        "quantity", sales.orders(),
                        "revenue", 0,
                        "markup_total", sales.markupTotal()))));
      } else if (product.matches()) {
        productRoute(exchange, product.group(1), product.group(2) != null);
      } else {
        problem(exchange, 404, "not-found", "No route " + path, Map.of());
      }
    }
  }

  private static void agentRoute(HttpExchange exchange, String method, String agentId, String what)
      throws IOException {
    Money money = money(agentId);
    switch (what) {
      case "balance" ->
          answer(
              exchange,
              200,
              Map.of(
                  "agent_id", agentId,
                  "currency", CURRENCY,
                  "pending", money.pending(),
                  "available", money.available(),
                  "held", money.held(),
                  "withdrawn", money.withdrawn(),
                  "receivable", money.receivable()));
      case "settings" -> {
        Map<String, Object> settings = new HashMap<>();
        settings.put("agent_id", agentId);
        settings.put("holding_window_seconds", 7 * 24 * 3600);
        settings.put("min_withdrawal", money.minWithdrawal());
        settings.put("payout_address", money.payoutAddress());
        answer(exchange, 200, settings);
      }
      case "withdrawals" -> {
        if (method.equals("GET")) {
          answer(
              exchange,
              200,
              withdrawalsOf(agentId).stream()
                  .sorted(Comparator.comparing(Withdrawal::requestedAt).reversed())
                  .map(FakeAgentBackOffice::view)
                  .toList());
        } else {
          requestWithdrawal(exchange, agentId);
        }
      }
      default -> problem(exchange, 404, "not-found", "No route", Map.of());
    }
  }

  private static synchronized void requestWithdrawal(HttpExchange exchange, String agentId)
      throws IOException {
    long amount = JSON.readTree(exchange.getRequestBody()).path("amount").asLong();
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key != null && IDEMPOTENCY_KEYS.containsKey(agentId + "/" + key)) {
      answer(exchange, 200, view(WITHDRAWALS.get(IDEMPOTENCY_KEYS.get(agentId + "/" + key))));
      return;
    }
    Money money = money(agentId);
    if (amount < money.minWithdrawal()) {
      problem(
          exchange,
          422,
          "below-minimum-withdrawal",
          "below the minimum",
          Map.of("minimum", money.minWithdrawal()));
    } else if (amount > money.available()) {
      problem(
          exchange,
          422,
          "insufficient-available",
          "more than available",
          Map.of("available", money.available()));
    } else if (money.payoutAddress() == null) {
      problem(exchange, 422, "payout-address-missing", "no payout address", Map.of());
    } else {
      Withdrawal created =
          new Withdrawal(
              UUID.randomUUID(),
              agentId,
              amount,
              money.payoutAddress(),
              "requested",
              null,
              null,
              null,
              Instant.now());
      WITHDRAWALS.put(created.withdrawalId(), created);
      if (key != null) {
        IDEMPOTENCY_KEYS.put(agentId + "/" + key, created.withdrawalId());
      }
      MONEY.put(
          agentId,
          new Money(
              money.pending(),
              money.available() - amount,
              money.held() + amount,
              money.withdrawn(),
              money.receivable(),
              money.minWithdrawal(),
              money.payoutAddress()));
      answer(exchange, 201, view(created));
    }
  }

  /** Each step once and in order, whoever asks at the same moment. */
  private static synchronized void step(HttpExchange exchange, String admin, String id, String step)
      throws IOException {
    UUID withdrawalId;
    try {
      withdrawalId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      problem(exchange, 404, "not-found", "No withdrawal " + id, Map.of());
      return;
    }
    Withdrawal current = WITHDRAWALS.get(withdrawalId);
    if (current == null) {
      problem(exchange, 404, "not-found", "No withdrawal " + id, Map.of());
      return;
    }
    if (step == null) {
      answer(exchange, 200, view(current));
      return;
    }
    if (admin == null) {
      problem(exchange, 400, "admin-required", "X-Flotilla-Admin is required", Map.of());
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    Set<String> allowedFrom =
        switch (step) {
          case "/approve" -> Set.of("requested");
          case "/reject" -> Set.of("requested", "approved");
          case "/pay" -> Set.of("approved");
          default -> Set.of();
        };
    if (!allowedFrom.contains(current.status())) {
      problem(
          exchange,
          409,
          "withdrawal-step-out-of-order",
          "The withdrawal is " + current.status(),
          Map.of());
      return;
    }
    String txid = step.equals("/pay") ? body.path("txid").asText() : current.txid();
    if (step.equals("/pay")
        && WITHDRAWALS.values().stream()
            .anyMatch(w -> w.txid() != null && w.txid().equalsIgnoreCase(txid))) {
      problem(exchange, 409, "txid-reused", "The txid was used", Map.of());
      return;
    }
    String status =
        switch (step) {
          case "/approve" -> "approved";
          case "/reject" -> "rejected";
          default -> "paid";
        };
    Withdrawal next =
        new Withdrawal(
            current.withdrawalId(),
            current.agentId(),
            current.amount(),
            current.payoutAddress(),
            status,
            txid,
            step.equals("/reject") ? body.path("reason").asText() : current.rejectReason(),
            admin,
            current.requestedAt());
    WITHDRAWALS.put(withdrawalId, next);
    STEPS.add(step.substring(1) + " " + withdrawalId + " by " + admin);
    answer(exchange, 200, view(next));
  }

  private static synchronized void confirmTopUp(HttpExchange exchange, String admin, String id)
      throws IOException {
    TopUp topUp = TOP_UPS.get(UUID.fromString(id));
    if (topUp == null) {
      problem(exchange, 404, "not-found", "No top-up " + id, Map.of());
    } else if (admin == null) {
      problem(exchange, 400, "admin-required", "X-Flotilla-Admin is required", Map.of());
    } else {
      CREDITED.add(topUp.topUpId());
      STEPS.add("confirm " + topUp.topUpId() + " by " + admin);
      answer(exchange, 200, topUpView(topUp, "credited"));
    }
  }

  private static void productRoute(HttpExchange exchange, String id, boolean importing)
      throws IOException {
    UUID productId;
    try {
      productId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      productId = null;
    }
    if (productId == null || !PRODUCTS.containsKey(productId)) {
      problem(exchange, 404, "not-found", "No product " + id, Map.of());
      return;
    }
    if (!importing) {
      answer(
          exchange,
          200,
          Map.of("product_id", productId, "name_en", PRODUCTS.get(productId), "kind", "unique"));
      return;
    }
    importStock(exchange, productId);
  }

  /** All or nothing: every duplicate line is named (up to 100, all counted) and nothing goes in. */
  private static synchronized void importStock(HttpExchange exchange, UUID productId)
      throws IOException {
    IMPORT_UPLOADS.incrementAndGet();
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
      problem(exchange, 415, "unsupported-media-type", contentType, Map.of());
      return;
    }
    String[] lines =
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
            .split("\r?\n", -1);
    List<String> stock = STOCK.get(productId);
    Map<String, Integer> seen = new HashMap<>();
    List<Map<String, Object>> errors = new ArrayList<>();
    int errorCount = 0;
    long blank = 0;
    List<String> items = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String item = lines[i].strip();
      if (item.isEmpty()) {
        blank += i < lines.length - 1 ? 1 : 0;
        continue;
      }
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("line", i + 1);
      if (seen.containsKey(item)) {
        error.put("reason", "duplicate-in-upload");
        error.put("duplicate_of", seen.get(item));
      } else if (stock.contains(item)) {
        error.put("reason", "already-in-stock");
      } else {
        seen.put(item, i + 1);
        items.add(item);
        continue;
      }
      errorCount++;
      if (errors.size() < 100) {
        errors.add(error);
      }
    }
    if (errorCount > 0) {
      problem(
          exchange,
          422,
          "invalid-import-lines",
          errorCount + " lines cannot be imported",
          Map.of("error_count", errorCount, "errors", errors));
      return;
    }
    stock.addAll(items);
    answer(
        exchange,
        201,
        Map.of(
            "product_id", productId,
            "imported", items.size(),
            "blank_lines", blank,
            "total", stock.size(),
            "available", stock.size()));
  }

  private static Map<String, Object> view(Withdrawal w) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("withdrawal_id", w.withdrawalId());
    view.put("agent_id", w.agentId());
    view.put("amount", w.amount());
    view.put("currency", CURRENCY);
    view.put("payout_address", w.payoutAddress());
    view.put("status", w.status());
    view.put("txid", w.txid());
    view.put("reject_reason", w.rejectReason());
    view.put("requested_at", w.requestedAt());
    return view;
  }

  private static Map<String, Object> topUpView(TopUp topUp, String status) {
    return Map.of(
        "top_up_id", topUp.topUpId(),
        "reference", topUp.reference(),
        "tenant_id", topUp.tenantId(),
        "customer_id", topUp.customerId(),
        "amount", topUp.amount(),
        "currency", CURRENCY,
        "method", "central",
        "status", status);
  }

  private static String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name) && parts.length == 2 && !parts[1].isEmpty()) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange
        .getResponseHeaders()
        .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void problem(
      HttpExchange exchange, int status, String slug, String detail, Map<String, ?> extensions)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "https://flotilla.dev/problems/" + slug);
    problem.put("title", slug);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.putAll(extensions);
    answer(exchange, status, problem);
  }
}
