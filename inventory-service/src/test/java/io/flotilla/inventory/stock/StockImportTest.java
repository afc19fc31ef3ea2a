package io.flotilla.inventory.stock;

import static io.flotilla.inventory.support.Api.countedProduct;
import static io.flotilla.inventory.support.Api.importItems;
import static io.flotilla.inventory.support.Api.internal;
import static io.flotilla.inventory.support.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flotilla.inventory.support.Api;
import io.flotilla.inventory.support.FakeLedgerResource;
import io.flotilla.inventory.support.StockAudit;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeLedgerResource.class, restrictToAnnotatedClass = false)
class StockImportTest {

  @Inject Pool pool;

  @Test
  void aTextUploadAddsOneItemPerLineAndSkipsBlankLines() {
    UUID product = uniqueProduct(100);

    importItems(product, "text/plain", "AAA-1\r\n\n  AAA-2  \nuser:pa ss\n")
        .then()
        .statusCode(201)
        .body("imported", equalTo(3))
        .body("blank_lines", equalTo(1))
        .body("total", equalTo(3))
        .body("available", equalTo(3));

    assertThat(codes(product)).containsExactly("AAA-1", "AAA-2", "user:pa ss");
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(3, 3, 0, 0));
  }

  @Test
  void aCsvUploadMayHaveAHeaderAndQuotedItems() {
    UUID product = uniqueProduct(100);

    importItems(
            product, "text/csv; charset=utf-8", "code\nK-1\n\"user,pass\"\n\"say \"\"hi\"\"\"\n")
        .then()
        .statusCode(201)
        .body("imported", equalTo(3));

    assertThat(codes(product)).containsExactly("K-1", "user,pass", "say \"hi\"");
  }

  @Test
  void duplicatesAreRefusedByLineAndNothingIsImported() {
    UUID product = uniqueProduct(100);
    Api.importCodes(product, List.of("OLD-1"));

    var refused = importItems(product, "text/plain", "NEW-1\nNEW-2\nNEW-1\nOLD-1\nNEW-3\nNEW-2\n");

    refused
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://flotilla.dev/problems/invalid-import-lines"))
        .body("error_count", equalTo(3))
        .body("errors.line", equalTo(List.of(3, 4, 6)))
        .body(
            "errors.reason",
            equalTo(List.of("duplicate-in-upload", "already-in-stock", "duplicate-in-upload")))
        .body("errors[0].duplicate_of", equalTo(1))
        .body("errors[2].duplicate_of", equalTo(2));
    assertThat(refused.asString()).doesNotContain("NEW-1").doesNotContain("OLD-1");
    assertThat(codes(product)).containsExactly("OLD-1");
    assertThat(StockAudit.verify(pool, product)).isEqualTo(new StockAudit.Levels(1, 1, 0, 0));
  }

  @Test
  void malformedLinesAreReportedByNumberAndLeaveNoTrace() {
    UUID product = uniqueProduct(100);
    String tooLong = "x".repeat(513);

    importItems(
            product, "text/csv", "GOOD-1\na,b\n\"open\n" + tooLong + "\nbad\u0001char\nGOOD-2\n")
        .then()
        .statusCode(422)
        .body("error_count", equalTo(4))
        .body("errors.line", equalTo(List.of(2, 3, 4, 5)))
        .body(
            "errors.reason",
            equalTo(
                List.of("several-fields", "unbalanced-quote", "too-long", "control-character")));

    assertThat(codes(product)).isEmpty();
    assertThat(stockChanges(product)).isZero();
  }

  @Test
  void invalidUtf8IsABadRequest() {
    UUID product = uniqueProduct(100);
    byte[] body = {'O', 'K', '\n', (byte) 0xC3, (byte) 0x28, '\n'};

    RestAssured.given()
        .header("Authorization", "Bearer test-service-token")
        .contentType("text/plain")
        .body(body)
        .post("/internal/products/{id}/stock/import", product)
        .then()
        .statusCode(400)
        .body("type", equalTo("https://flotilla.dev/problems/invalid-encoding"));
    assertThat(codes(product)).isEmpty();
  }

  @Test
  void aHundredThousandLinesAreStreamedInOneUpload() {
    UUID product = uniqueProduct(100);

    RestAssured.given()
        .header("Authorization", "Bearer test-service-token")
        .contentType("text/plain")
        .body(lines(100_000, "BULK-"))
        .post("/internal/products/{id}/stock/import", product)
        .then()
        .statusCode(201)
        .body("imported", equalTo(100_000))
        .body("available", equalTo(100_000));

    assertThat(StockAudit.verify(pool, product))
        .isEqualTo(new StockAudit.Levels(100_000, 100_000, 0, 0));
  }

  @Test
  void anUploadOverTheLineLimitIsRefusedWhole() {
    UUID product = uniqueProduct(100);

    RestAssured.given()
        .header("Authorization", "Bearer test-service-token")
        .contentType("text/plain")
        .body(lines(100_001, "OVER-"))
        .post("/internal/products/{id}/stock/import", product)
        .then()
        .statusCode(413)
        .body("type", equalTo("https://flotilla.dev/problems/import-too-large"));

    assertThat(codes(product)).isEmpty();
  }

  @Test
  void countedProductsAreAdjustedNotImported() {
    UUID counted = countedProduct(100);
    UUID unique = uniqueProduct(100);

    importItems(counted, "text/plain", "X\n")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/wrong-stock-kind"));
    internal()
        .body(Map.of("delta", 10, "reason", "restock"))
        .post("/internal/products/{id}/stock/adjust", counted)
        .then()
        .statusCode(200)
        .body("total", equalTo(10))
        .body("available", equalTo(10));
    internal()
        .body(Map.of("delta", -4))
        .post("/internal/products/{id}/stock/adjust", counted)
        .then()
        .statusCode(200)
        .body("total", equalTo(6))
        .body("available", equalTo(6));
    internal()
        .body(Map.of("delta", -7))
        .post("/internal/products/{id}/stock/adjust", counted)
        .then()
        .statusCode(409)
        .body("type", equalTo("https://flotilla.dev/problems/insufficient-stock"));
    internal()
        .body(Map.of("delta", 0))
        .post("/internal/products/{id}/stock/adjust", counted)
        .then()
        .statusCode(400);
    internal()
        .body(Map.of("delta", 5))
        .post("/internal/products/{id}/stock/adjust", unique)
        .then()
        .statusCode(422)
        .body("type", equalTo("https://flotilla.dev/problems/wrong-stock-kind"));
    importItems(UUID.randomUUID(), "text/plain", "X\n").then().statusCode(404);
    importItems(unique, "application/json", "[]").then().statusCode(415);

    assertThat(StockAudit.verify(pool, counted)).isEqualTo(new StockAudit.Levels(6, 6, 0, 0));
    assertThat(stockChanges(counted)).isEqualTo(2);
  }

  private static byte[] lines(int count, String prefix) {
    StringBuilder text = new StringBuilder(count * (prefix.length() + 7));
    for (int i = 0; i < count; i++) {
      text.append(prefix).append(i).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private List<String> codes(UUID product) {
    List<String> codes = new ArrayList<>();
    pool.preparedQuery("select code from stock_item where product_id = $1 order by id")
        .execute(Tuple.of(product))
        .await()
        .atMost(Duration.ofSeconds(10))
        .forEach(row -> codes.add(row.getString("code")));
    return codes;
  }

  private long stockChanges(UUID product) {
    return pool.preparedQuery("select count(*) as n from stock_change where product_id = $1")
        .execute(Tuple.of(product))
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong("n");
  }
}
