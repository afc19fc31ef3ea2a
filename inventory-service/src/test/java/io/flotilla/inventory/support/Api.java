package io.flotilla.inventory.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The service's internal API as tests call it (with the service token). */
public final class Api {

  private Api() {}

  public static RequestSpecification internal() {
    return given()
        .header("Authorization", "Bearer " + FakeLedgerResource.SERVICE_TOKEN)
        .contentType(ContentType.JSON);
  }

  public static UUID category() {
    return UUID.fromString(
        internal()
            .body(Map.of("name_en", "Gift cards", "name_zh", "礼品卡"))
            .post("/internal/categories")
            .then()
            .statusCode(201)
            .extract()
            .path("category_id"));
  }

  /** A new active product in a new category, with extra fields merged in. */
  public static UUID product(String kind, long basePrice, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>();
    body.put("category_id", category());
    body.put("name_en", "Product " + UUID.randomUUID());
    body.put("name_zh", "产品");
    body.put("description_en", "A test product");
    body.put("kind", kind);
    body.put("base_price", basePrice);
    body.putAll(extra);
    return UUID.fromString(
        internal()
            .body(body)
            .post("/internal/products")
            .then()
            .statusCode(201)
            .extract()
            .path("product_id"));
  }

  public static UUID uniqueProduct(long basePrice) {
    return product("unique", basePrice, Map.of());
  }

  public static UUID countedProduct(long basePrice) {
    return product("counted", basePrice, Map.of());
  }

  public static Response importItems(UUID productId, String contentType, String body) {
    return given()
        .header("Authorization", "Bearer " + FakeLedgerResource.SERVICE_TOKEN)
        .contentType(contentType)
        .body(body)
        .post("/internal/products/{id}/stock/import", productId);
  }

  public static void importCodes(UUID productId, List<String> codes) {
    importItems(productId, "text/plain", String.join("\n", codes) + "\n").then().statusCode(201);
  }

  public static void adjust(UUID productId, long delta) {
    internal()
        .body(Map.of("delta", delta, "reason", "test"))
        .post("/internal/products/{id}/stock/adjust", productId)
        .then()
        .statusCode(200);
  }

  public static Response order(
      String tenantId, long customerId, UUID productId, int quantity, String idempotencyKey) {
    return internal()
        .header("Idempotency-Key", idempotencyKey)
        .body(
            Map.of(
                "tenant_id",
                tenantId,
                "customer_id",
                customerId,
                "product_id",
                productId,
                "quantity",
                quantity))
        .post("/internal/orders");
  }

  /** An order for the price per item the customer was shown ({@code expected_unit_price}). */
  public static Response orderAt(
      String tenantId,
      long customerId,
      UUID productId,
      int quantity,
      String idempotencyKey,
      long expectedUnitPrice) {
    return internal()
        .header("Idempotency-Key", idempotencyKey)
        .body(
            Map.of(
                "tenant_id",
                tenantId,
                "customer_id",
                customerId,
                "product_id",
                productId,
                "quantity",
                quantity,
                "expected_unit_price",
                expectedUnitPrice))
        .post("/internal/orders");
  }

  public static Response product(UUID productId) {
    return internal().get("/internal/products/{id}", productId);
  }
}
