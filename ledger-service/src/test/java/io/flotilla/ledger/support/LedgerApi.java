package io.flotilla.ledger.support;

import static io.restassured.RestAssured.given;

import io.flotilla.ledger.topup.CallbackSignature;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ledger's HTTP API as other services call it: with the service token, JSON in and out. */
public final class LedgerApi {

  public static final String SERVICE_TOKEN = "test-service-token";
  public static final String CALLBACK_SECRET = "test-callback-secret";
  public static final String ADMIN = "admin-1";

  private LedgerApi() {}

  public static RequestSpecification service() {
    return given().header("Authorization", "Bearer " + SERVICE_TOKEN).contentType(ContentType.JSON);
  }

  public static RequestSpecification admin() {
    return service().header("X-Flotilla-Admin", ADMIN);
  }

  /** Requests a top-up and has an admin confirm it; returns the credited top-up. */
  public static Response topUp(String tenantId, long customerId, long amount, String currency) {
    String id =
        service()
            .body(
                Map.of(
                    "tenant_id", tenantId,
                    "customer_id", customerId,
                    "amount", amount,
                    "currency", currency))
            .post("/internal/top-ups")
            .then()
            .statusCode(201)
            .extract()
            .path("top_up_id");
    return admin()
        .post("/internal/top-ups/" + id + "/confirm")
        .then()
        .statusCode(200)
        .extract()
        .response();
  }

  public static Response requestTopUp(
      String tenantId, long customerId, long amount, String currency) {
    return service()
        .body(
            Map.of(
                "tenant_id",
                tenantId,
                "customer_id",
                customerId,
                "amount",
                amount,
                "currency",
                currency))
        .post("/internal/top-ups");
  }

  public static Response callback(String body) {
    return callback(
        body, CallbackSignature.headerFor(CALLBACK_SECRET, body.getBytes(StandardCharsets.UTF_8)));
  }

  public static Response callback(String body, String signature) {
    RequestSpecification request = service().body(body);
    if (signature != null) {
      request = request.header(CallbackSignature.HEADER, signature);
    }
    return request.post("/internal/top-ups/callback");
  }

  /** A payment body; {@code soldBy} master sells at base price. */
  public static Map<String, Object> payment(
      String orderId,
      String tenantId,
      String soldBy,
      long customerId,
      int quantity,
      long basePrice,
      long markup,
      String currency) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("order_id", orderId);
    body.put("tenant_id", tenantId);
    body.put("sold_by", soldBy);
    body.put("customer_id", customerId);
    body.put("quantity", quantity);
    body.put("base_unit_price", basePrice);
    body.put("agent_unit_price", basePrice + markup);
    body.put("markup_per_unit", markup);
    body.put("currency", currency);
    return body;
  }

  public static Response pay(Map<String, Object> body) {
    return service().body(body).post("/internal/payments");
  }

  public static long walletBalance(String tenantId, long customerId, String currency) {
    return service()
        .queryParam("currency", currency)
        .get("/internal/wallets/" + tenantId + "/" + customerId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("balance");
  }

  public static Map<String, Object> agentBalance(String agentId, String currency) {
    return service()
        .queryParam("currency", currency)
        .get("/internal/agents/" + agentId + "/balance")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("");
  }

  public static Response withdraw(String agentId, long amount, String currency, String address) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", amount);
    body.put("currency", currency);
    if (address != null) {
      body.put("payout_address", address);
    }
    return service().body(body).post("/internal/agents/" + agentId + "/withdrawals");
  }

  public static Response reconcile() {
    return service().get("/internal/reconciliation");
  }
}
