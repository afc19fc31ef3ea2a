package io.flotilla.inventory.catalog;

import static io.flotilla.inventory.support.Api.adjust;
import static io.flotilla.inventory.support.Api.category;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class CatalogAdminTest {

  @Test
  void theInternalApiNeedsTheServiceToken() {
    given().get("/internal/categories").then().statusCode(401);
    given()
        .header("Authorization", "Bearer wrong")
        .get("/internal/catalog?tenant_id=master")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void aProductIsCreatedWithBothLanguagesAndAnEmptyStock() {
    UUID category = category();

    var created =
        internal()
            .body(
                Map.of(
                    "category_id", category,
                    "name_en", "Steam key",
                    "name_zh", "Steam 激活码",
                    "description_en", "Global activation key",
                    "description_zh", "全球激活码",
                    "kind", "unique",
                    "base_price", 4_999,
                    "low_stock_threshold", 5,
                    "max_per_order", 3))
            .post("/internal/products");

    created
        .then()
        .statusCode(201)
        .body("name_zh", equalTo("Steam 激活码"))
        .body("description_zh", equalTo("全球激活码"))
        .body("kind", equalTo("unique"))
        .body("base_price", equalTo(4999))
        .body("currency", equalTo("USDT"))
        .body("active", equalTo(true))
        .body("max_per_order", equalTo(3))
        .body("stock.total", equalTo(0))
        .body("stock.low", equalTo(true));
    String id = created.path("product_id");
    internal()
        .get("/internal/products/{id}", id)
        .then()
        .statusCode(200)
        .body("name_en", equalTo("Steam key"));
    internal()
        .get("/internal/products?category_id={c}", category)
        .then()
        .body("product_id", equalTo(List.of(id)));
  }

  @Test
  void badProductInputIsABadRequestNamingTheFields() {
    internal()
        .body(Map.of("name_en", "", "kind", "unique", "base_price", 0))
        .post("/internal/products")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://flotilla.dev/problems/invalid-field"))
        .body("errors.field", hasItem("base_price"))
        .body("errors.field", hasItem("category_id"))
        .body("errors.field", hasItem("name_en"));
    internal()
        .body(Map.of("category_id", category(), "name_en", "x", "kind", "boxes", "base_price", 1))
        .post("/internal/products")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://flotilla.dev/problems/unreadable-body"));
    internal()
        .body(
            Map.of(
                "category_id",
                UUID.randomUUID(),
                "name_en",
                "x",
                "kind",
                "unique",
                "base_price",
                1))
        .post("/internal/products")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/unknown-category"));
  }

  @Test
  void aPatchChangesOnlyTheFieldsItNames() {
    UUID id = product("counted", 100, Map.of("description_en", "keep me"));

    internal()
        .body(Map.of("base_price", 150, "active", false))
        .patch("/internal/products/{id}", id)
        .then()
        .statusCode(200)
        .body("base_price", equalTo(150))
        .body("active", equalTo(false))
        .body("description_en", equalTo("keep me"))
        .body("kind", equalTo("counted"));
    internal()
        .body(Map.of("base_price", -1))
        .patch("/internal/products/{id}", id)
        .then()
        .statusCode(400);
    internal()
        .body(Map.of("base_price", 1))
        .patch("/internal/products/{id}", UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  @Test
  void lowStockListsActiveProductsAtOrBelowTheirThreshold() {
    UUID low = product("counted", 100, Map.of("low_stock_threshold", 5));
    UUID plenty = product("counted", 100, Map.of("low_stock_threshold", 5));
    adjust(low, 5);
    adjust(plenty, 6);

    var lowStock = internal().get("/internal/products/low-stock");

    lowStock.then().statusCode(200);
    List<String> ids = lowStock.path("product_id");
    assertThat(ids).contains(low.toString()).doesNotContain(plenty.toString());
  }

  @Test
  void theCatalogShowsActiveProductsWithAvailabilityAtTheMastersPrices() {
    UUID category = category();
    UUID onSale = product("counted", 1_000, Map.of("category_id", category, "max_per_order", 7));
    UUID withdrawn = product("counted", 1_000, Map.of("category_id", category, "active", false));
    adjust(onSale, 12);

    var catalog = internal().get("/internal/catalog?tenant_id=master&category_id={c}", category);

    catalog
        .then()
        .statusCode(200)
        .body("tenant_id", equalTo("master"))
        .body("products.product_id", equalTo(List.of(onSale.toString())))
        .body("products[0].available", equalTo(12))
        .body("products[0].price", equalTo(1000))
        .body("products[0].markup", equalTo(0))
        .body("products[0].max_per_order", equalTo(7))
        .body("products.product_id", not(hasItem(withdrawn.toString())));
    internal()
        .get("/internal/catalog/{id}?tenant_id=master", withdrawn)
        .then()
        .statusCode(404)
        .body("detail", not(nullValue()));
  }

  @Test
  void categoriesAreListedAndRenamed() {
    UUID id = category();

    internal()
        .body(Map.of("name_en", "Keys", "name_zh", "密钥", "sort_order", 3))
        .put("/internal/categories/{id}", id)
        .then()
        .statusCode(200)
        .body("name_en", equalTo("Keys"))
        .body("sort_order", equalTo(3));
    internal().get("/internal/categories").then().body("category_id", hasItem(id.toString()));
    internal()
        .body(Map.of("name_en", " "))
        .post("/internal/categories")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("name_en"));
  }
}
