package io.flotilla.fleet.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
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
 * The inventory's shop-facing API as the bots use it, served over HTTP from the test JVM: a catalog
 * of categories and products (unique codes or counted), orders placed once per {@code
 * Idempotency-Key}, paid from {@link FakeLedgerService}'s wallets, refused as the real service
 * refuses them ({@code price-changed}, {@code out-of-stock}, {@code insufficient-funds}, {@code
 * agent-paused}, {@code quantity-over-limit}), and every order request counted per key.
 */
public class FakeInventoryService implements QuarkusTestResourceLifecycleManager {

  private static final java.util.concurrent.atomic.AtomicLong ITEM_IDS =
      new java.util.concurrent.atomic.AtomicLong();

  private static final Pattern CATALOG_ENTRY = Pattern.compile("/internal/catalog/([0-9a-f-]{36})");
  private static final Pattern ORDER = Pattern.compile("/internal/orders/([0-9a-f-]{36})");

  /** A category of the catalog. */
  public record Category(UUID id, String nameEn, String nameZh, int sortOrder) {}

  /** A product with its stock: codes for unique products, a count for counted ones. */
  public static final class Product {
    final UUID id = UUID.randomUUID();
    final UUID categoryId;
    final String nameEn;
    final String nameZh;
    final String kind;
    final Deque<String> codes = new ArrayDeque<>();
    final Integer maxPerOrder;
    long counted;
    long price;

    Product(
        UUID categoryId,
        String nameEn,
        String nameZh,
        String kind,
        long price,
        Integer maxPerOrder) {
      this.categoryId = categoryId;
      this.nameEn = nameEn;
      this.nameZh = nameZh;
      this.kind = kind;
      this.price = price;
      this.maxPerOrder = maxPerOrder;
    }

    public UUID id() {
      return id;
    }

    long available() {
      return kind.equals("unique") ? codes.size() : counted;
    }
  }

  /** An order as the inventory keeps it. */
  public record Order(
      UUID orderId,
      String tenantId,
      long customerId,
      UUID productId,
      String kind,
      int quantity,
      long unitPrice,
      List<String> codes,
      Instant createdAt) {}

  private static final Map<UUID, Category> CATEGORIES = new LinkedHashMap<>();
  private static final Map<UUID, Product> PRODUCTS = new LinkedHashMap<>();
  private static final Map<UUID, Order> ORDERS = new LinkedHashMap<>();
  private static final Map<String, UUID> ORDERS_BY_KEY = new HashMap<>();
  private static final Map<String, Integer> REQUESTS_BY_KEY = new HashMap<>();
  private static final Set<String> PAUSED = new HashSet<>();
  private HttpServer server;

  public static synchronized Category category(String nameEn, String nameZh) {
    Category category = new Category(UUID.randomUUID(), nameEn, nameZh, CATEGORIES.size());
    CATEGORIES.put(category.id(), category);
    return category;
  }

  /** A unique-codes product with these codes in stock. */
  public static synchronized Product uniqueCodes(
      Category category, String nameEn, String nameZh, long price, List<String> codes) {
    Product product = new Product(category.id(), nameEn, nameZh, "unique", price, null);
    product.codes.addAll(codes);
    PRODUCTS.put(product.id, product);
    return product;
  }

  public static synchronized Product counted(
      Category category, String nameEn, long price, long stock, Integer maxPerOrder) {
    Product product = new Product(category.id(), nameEn, null, "counted", price, maxPerOrder);
    product.counted = stock;
    PRODUCTS.put(product.id, product);
    return product;
  }

  public static synchronized void reprice(Product product, long price) {
    product.price = price;
  }

  /** Sells codes to someone else, as another shop's customers would. */
  public static synchronized void sellElsewhere(Product product, int quantity) {
    for (int i = 0; i < quantity; i++) {
      product.codes.poll();
    }
    product.counted = Math.max(0, product.counted - quantity);
  }

  /** An order someone placed in another chat, delivered with codes from the stock. */
  public static synchronized Order deliveredTo(
      String tenantId, long customerId, Product product, int quantity) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < quantity; i++) {
      codes.add(product.codes.poll());
    }
    Order order =
        new Order(
            UUID.randomUUID(),
            tenantId,
            customerId,
            product.id,
            product.kind,
            quantity,
            product.price,
            List.copyOf(codes),
            Instant.now());
    ORDERS.put(order.orderId(), order);
    return order;
  }

  public static synchronized long available(Product product) {
    return product.available();
  }

  public static synchronized void pause(String tenantId, boolean paused) {
    if (paused) {
      PAUSED.add(tenantId);
    } else {
      PAUSED.remove(tenantId);
    }
  }

  public static synchronized List<Order> orders(String tenantId, long customerId) {
    return ORDERS.values().stream()
        .filter(o -> o.tenantId().equals(tenantId) && o.customerId() == customerId)
        .toList();
  }

  /** The order requests that carried this idempotency key (replays included). */
  public static synchronized Map<String, Integer> requestsByKey() {
    return Map.copyOf(REQUESTS_BY_KEY);
  }

  @Override
  public Map<String, String> start() {
    server = FakeHttp.serve(this::handle);
    return Map.of("quarkus.rest-client.inventory.url", FakeHttp.url(server));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      synchronized (FakeInventoryService.class) {
        route(exchange);
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Matcher entry = CATALOG_ENTRY.matcher(path);
    Matcher order = ORDER.matcher(path);
    String tenantId = FakeHttp.query(exchange, "tenant_id");
    if (path.equals("/internal/categories")) {
      FakeHttp.answer(
          exchange,
          200,
          CATEGORIES.values().stream()
              .map(
                  c ->
                      Map.of(
                          "category_id", c.id(),
                          "name_en", c.nameEn(),
                          "name_zh", c.nameZh(),
                          "sort_order", c.sortOrder()))
              .toList());
    } else if (path.equals("/internal/catalog")) {
      if (PAUSED.contains(tenantId)) {
        FakeHttp.problem(exchange, 422, "agent-paused");
        return;
      }
      String category = FakeHttp.query(exchange, "category_id");
      FakeHttp.answer(
          exchange,
          200,
          Map.of(
              "tenant_id",
              tenantId,
              "currency",
              FakeLedgerService.CURRENCY,
              "products",
              PRODUCTS.values().stream()
                  .filter(p -> category == null || p.categoryId.toString().equals(category))
                  .sorted(Comparator.comparing(p -> p.nameEn))
                  .map(FakeInventoryService::entry)
                  .toList()));
    } else if (entry.matches()) {
      Product product = PRODUCTS.get(UUID.fromString(entry.group(1)));
      if (PAUSED.contains(tenantId)) {
        FakeHttp.problem(exchange, 422, "agent-paused");
      } else if (product == null) {
        FakeHttp.problem(exchange, 404, "not-found");
      } else {
        FakeHttp.answer(exchange, 200, entry(product));
      }
    } else if (path.equals("/internal/orders") && exchange.getRequestMethod().equals("POST")) {
      place(exchange, exchange.getRequestHeaders().getFirst("Idempotency-Key"));
    } else if (path.equals("/internal/orders")) {
      long customerId = Long.parseLong(FakeHttp.query(exchange, "customer_id"));
      int page = Integer.parseInt(FakeHttp.query(exchange, "page"));
      int limit = Integer.parseInt(FakeHttp.query(exchange, "limit"));
      List<Order> all = new ArrayList<>(orders(tenantId, customerId)).reversed();
      int from = Math.min(all.size(), (page - 1) * limit);
      FakeHttp.answer(
          exchange,
          200,
          Map.of(
              "items",
              all.subList(from, Math.min(all.size(), from + limit)).stream()
                  .map(o -> order(o, false))
                  .toList(),
              "page",
              page,
              "limit",
              limit,
              "total",
              all.size()));
    } else if (order.matches()) {
      Order found = ORDERS.get(UUID.fromString(order.group(1)));
      if (found == null) {
        FakeHttp.problem(exchange, 404, "not-found");
      } else {
        FakeHttp.answer(exchange, 200, order(found, true));
      }
    } else {
      FakeHttp.problem(exchange, 404, "not-found");
    }
  }

  private static void place(HttpExchange exchange, String key) throws IOException {
    JsonNode body = FakeHttp.body(exchange);
    String tenantId = body.path("tenant_id").asText();
    if (key == null || key.isBlank()) {
      FakeHttp.problem(exchange, 400, "invalid-field");
      return;
    }
    REQUESTS_BY_KEY.merge(key, 1, Integer::sum);
    UUID earlier = ORDERS_BY_KEY.get(tenantId + "/" + key);
    if (earlier != null) {
      FakeHttp.answer(exchange, 200, order(ORDERS.get(earlier), true));
      return;
    }
    long customerId = body.path("customer_id").asLong();
    int quantity = body.path("quantity").asInt();
    Product product = PRODUCTS.get(UUID.fromString(body.path("product_id").asText()));
    if (quantity <= 0 || customerId <= 0) {
      FakeHttp.problem(exchange, 400, "invalid-field");
    } else if (PAUSED.contains(tenantId)) {
      FakeHttp.problem(exchange, 422, "agent-paused");
    } else if (product == null) {
      FakeHttp.problem(exchange, 422, "unknown-product");
    } else if (product.maxPerOrder != null && quantity > product.maxPerOrder) {
      FakeHttp.problem(
          exchange, 422, "quantity-over-limit", Map.of("max_quantity", product.maxPerOrder));
    } else if (body.has("expected_unit_price")
        && body.path("expected_unit_price").asLong() != product.price) {
      FakeHttp.problem(
          exchange,
          409,
          "price-changed",
          Map.of("unit_price", product.price, "currency", FakeLedgerService.CURRENCY));
    } else if (product.available() < quantity) {
      FakeHttp.problem(exchange, 409, "out-of-stock");
    } else {
      UUID orderId = UUID.randomUUID();
      if (!FakeLedgerService.pay(tenantId, customerId, product.price * quantity, orderId)) {
        FakeHttp.problem(exchange, 422, "insufficient-funds", Map.of("order_id", orderId));
        return;
      }
      List<String> codes = new ArrayList<>();
      if (product.kind.equals("unique")) {
        for (int i = 0; i < quantity; i++) {
          codes.add(product.codes.poll());
        }
      } else {
        product.counted -= quantity;
      }
      Order placed =
          new Order(
              orderId,
              tenantId,
              customerId,
              product.id,
              product.kind,
              quantity,
              product.price,
              List.copyOf(codes),
              Instant.now());
      ORDERS.put(orderId, placed);
      ORDERS_BY_KEY.put(tenantId + "/" + key, orderId);
      FakeHttp.answer(exchange, 201, order(placed, true));
    }
  }

  private static Map<String, Object> entry(Product product) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("product_id", product.id);
    entry.put("category_id", product.categoryId);
    entry.put("name_en", product.nameEn);
    entry.put("name_zh", product.nameZh);
    entry.put("description_en", "Delivered at once in the chat.");
    entry.put("description_zh", "购买后立即在聊天中发货。");
    entry.put("kind", product.kind);
    entry.put("available", product.available());
    entry.put("max_per_order", product.maxPerOrder);
    entry.put("base_price", product.price);
    entry.put("markup", 0);
    entry.put("price", product.price);
    entry.put("currency", FakeLedgerService.CURRENCY);
    return entry;
  }

  private static Map<String, Object> order(Order order, boolean withItems) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("order_id", order.orderId());
    json.put("tenant_id", order.tenantId());
    json.put("customer_id", order.customerId());
    json.put("product_id", order.productId());
    json.put("product_kind", order.kind());
    json.put("quantity", order.quantity());
    json.put("agent_unit_price", order.unitPrice());
    json.put("total_price", order.unitPrice() * order.quantity());
    json.put("currency", FakeLedgerService.CURRENCY);
    json.put("state", "completed");
    json.put("created_at", order.createdAt().toString());
    if (withItems) {
      json.put(
          "items",
          order.codes().stream()
              // As the inventory answers: item ids are numbers.
              .map(
                  code ->
                      Map.of("item_id", ITEM_IDS.incrementAndGet(), "code", code, "state", "sold"))
              .toList());
    }
    return json;
  }
}
