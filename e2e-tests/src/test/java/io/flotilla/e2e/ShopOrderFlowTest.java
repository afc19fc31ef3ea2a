package io.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sale across the real services: the admin creates an agent at a 20 % markup (credential-service
 * announces it; inventory and the ledger learn it from Kafka), stocks a product and confirms a
 * customer's top-up through the gateway; the agent's shop sells to that customer through
 * inventory-service, which is paid by ledger-service; a sale the wallet cannot cover is refused and
 * its stock released; the admin refunds the sale and the ledger, hearing {@code OrderRefunded},
 * gives the customer the money back and cancels the agent's pending profit. The ledger reconciles
 * throughout.
 */
class ShopOrderFlowTest {

  private static final Duration SOON = Duration.ofSeconds(30);
  private static final String AGENT = "lotus";
  private static final long CUSTOMER = 777;

  private static E2eStack stack;
  private static TelegramBotApiEmulator telegram;
  private static FlotillaPlatform platform;
  private static Api gateway;
  private static Api inventory;

  @BeforeAll
  static void startPlatform() throws Exception {
    stack = E2eStack.start();
    telegram = stack.telegram;
    platform = stack.platform;
    gateway = new Api(platform.gateway.url());
    inventory = new Api(platform.inventory.url());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anAgentSellsFromTheSharedStockIsPaidByTheLedgerAndARefundGivesTheMoneyBack()
      throws Exception {
    BotHandle bot = telegram.registerBot("lotus_shop_bot");
    Api.Answer agent =
        admin(
            "/api/admin/agents",
            """
            {"agent_id": "%s", "name": "Lotus", "bot_token": "%s",
             "markup": {"kind": "PERCENT", "value": 2000}}
            """
                .formatted(AGENT, bot.token()));
    assertThat(agent.status()).as(agent.body()).isEqualTo(201);
    await("inventory learns the agent's markup")
        .atMost(SOON)
        .until(() -> adminGet("/api/admin/agents/" + AGENT + "/pricing").status() == 200);

    String product = stockedProduct(List.of("LOTUS-1", "LOTUS-2", "LOTUS-3"));
    Api.Answer catalog = adminGet("/api/admin/catalog?tenant_id=" + AGENT);
    JsonNode entry = catalog.json().path("products").get(0);
    assertThat(entry.path("price").asLong()).as("base 1000 + 20 %").isEqualTo(1_200);
    assertThat(entry.path("available").asLong()).isEqualTo(3);

    topUp(3_000);
    assertThat(walletBalance()).isEqualTo(3_000);

    Api.Answer sale = order(product, 2, "sale-1");
    assertThat(sale.status()).as(sale.body()).isEqualTo(201);
    assertThat(sale.json().path("sold_by").asText()).isEqualTo(AGENT);
    assertThat(sale.json().path("total_price").asLong()).isEqualTo(2_400);
    List<String> codes = new ArrayList<>();
    sale.json().path("items").forEach(item -> codes.add(item.path("code").asText()));
    assertThat(codes)
        .hasSize(2)
        .doesNotHaveDuplicates()
        .isSubsetOf("LOTUS-1", "LOTUS-2", "LOTUS-3");
    String orderId = sale.json().path("order_id").asText();

    assertThat(walletBalance()).isEqualTo(600);
    JsonNode earned = adminGet("/api/admin/agents/" + AGENT + "/balance").json();
    assertThat(earned.path("pending").asLong()).as("markup 200 × 2").isEqualTo(400);
    assertThat(earned.path("available").asLong()).isZero();
    Api.Answer replay = order(product, 2, "sale-1");
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().path("order_id").asText()).isEqualTo(orderId);
    assertThat(walletBalance()).as("a replayed order is not paid twice").isEqualTo(600);

    Api.Answer tooDear = order(product, 1, "sale-2");
    assertThat(tooDear.status()).as(tooDear.body()).isEqualTo(422);
    assertThat(tooDear.json().path("type").asText()).endsWith("/insufficient-funds");
    assertThat(
            adminGet("/api/admin/products/" + product)
                .json()
                .path("stock")
                .path("available")
                .asLong())
        .as("the refused order's code is back in stock")
        .isEqualTo(1);
    assertThat(walletBalance()).isEqualTo(600);

    Api.Answer refund =
        admin("/api/admin/orders/" + orderId + "/refund", "{\"reason\": \"customer complaint\"}");
    assertThat(refund.status()).as(refund.body()).isEqualTo(200);
    assertThat(refund.json().path("state").asText()).isEqualTo("refunded");
    await("the ledger refunds the customer on OrderRefunded")
        .atMost(SOON)
        .until(() -> walletBalance() == 3_000);
    JsonNode afterRefund = adminGet("/api/admin/agents/" + AGENT + "/balance").json();
    assertThat(afterRefund.path("pending").asLong()).as("pending profit cancelled").isZero();
    assertThat(afterRefund.path("receivable").asLong()).isZero();
    assertThat(
            admin("/api/admin/orders/" + orderId + "/refund", "{\"reason\": \"again\"}").status())
        .as("an order is refunded once")
        .isEqualTo(409);

    Api.Answer reconciliation = adminGet("/api/admin/ledger/reconciliation");
    assertThat(reconciliation.status()).isEqualTo(200);
    assertThat(reconciliation.json().path("differences")).isEmpty();
  }

  @Test
  void anAdminPausesAnAgentsShopAndChangesItsPricingThroughTheGateway() throws Exception {
    String shop = "orchid";
    BotHandle bot = telegram.registerBot("orchid_shop_bot");
    assertThat(
            admin(
                    "/api/admin/agents",
                    """
                    {"agent_id": "%s", "name": "Orchid", "bot_token": "%s"}
                    """
                        .formatted(shop, bot.token()))
                .status())
        .isEqualTo(201);
    String product = stockedProduct(List.of("ORCHID-1", "ORCHID-2", "ORCHID-3"));
    topUp(shop, 10_000);
    await("inventory learns the agent")
        .atMost(SOON)
        .until(() -> adminGet("/api/admin/agents/" + shop + "/pricing").status() == 200);

    Api.Answer paused =
        admin("/api/admin/agents/" + shop + "/pause", "{\"reason\": \"unpaid fees\"}");
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().path("status").asText()).isEqualTo("paused");
    await("AgentPaused reaches inventory")
        .atMost(SOON)
        .until(
            () ->
                "paused"
                    .equals(
                        adminGet("/api/admin/agents/" + shop + "/pricing")
                            .json()
                            .path("status")
                            .asText()));
    Api.Answer refused = order(shop, product, 1, "paused-1");
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().path("type").asText()).endsWith("/agent-paused");

    assertThat(admin("/api/admin/agents/" + shop + "/resume", "{}").status()).isEqualTo(200);
    Api.Answer pricing =
        gateway.put(
            "/api/admin/agents/" + shop + "/pricing",
            platform.adminToken,
            """
            {"markup": {"kind": "FIXED", "value": 250}, "max_fixed_minor": 500}
            """);
    assertThat(pricing.status()).as(pricing.body()).isEqualTo(200);
    await("AgentResumed and AgentPricingChanged reach inventory")
        .atMost(SOON)
        .untilAsserted(
            () -> {
              Api.Answer sale = order(shop, product, 1, "resumed-" + UUID.randomUUID());
              assertThat(sale.status()).as(sale.body()).isEqualTo(201);
              assertThat(sale.json().path("agent_unit_price").asLong())
                  .as("base 1000 + fixed 250")
                  .isEqualTo(1_250);
            });
  }

  private static String stockedProduct(List<String> codes) throws Exception {
    Api.Answer category = admin("/api/admin/categories", "{\"name_en\": \"Gift cards\"}");
    assertThat(category.status()).as(category.body()).isEqualTo(201);
    Api.Answer product =
        admin(
            "/api/admin/products",
            """
            {"category_id": "%s", "name_en": "Lotus card", "name_zh": "莲花卡",
             "kind": "unique", "base_price": 1000}
            """
                .formatted(category.json().path("category_id").asText()));
    assertThat(product.status()).as(product.body()).isEqualTo(201);
    String productId = product.json().path("product_id").asText();
    Api.Answer imported =
        gateway.post(
            "/api/admin/products/" + productId + "/stock/import",
            platform.adminToken,
            "text/plain",
            String.join("\n", codes),
            Map.of());
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    return productId;
  }

  private static void topUp(long amount) throws Exception {
    topUp(AGENT, amount);
  }

  private static void topUp(String shop, long amount) throws Exception {
    Api.Answer requested =
        admin(
            "/api/admin/top-ups",
            """
            {"tenant_id": "%s", "customer_id": %d, "amount": %d}
            """
                .formatted(shop, CUSTOMER, amount));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    Api.Answer confirmed =
        admin(
            "/api/admin/top-ups/" + requested.json().path("top_up_id").asText() + "/confirm",
            "{\"provider_transaction_id\": \"bank-" + UUID.randomUUID() + "\"}");
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
  }

  /** The call the agent's shop bot makes when the customer presses "Buy". */
  private static Api.Answer order(String product, int quantity, String idempotencyKey)
      throws Exception {
    return order(AGENT, product, quantity, idempotencyKey);
  }

  private static Api.Answer order(String shop, String product, int quantity, String idempotencyKey)
      throws Exception {
    return inventory.post(
        "/internal/orders",
        platform.serviceToken,
        "application/json",
        """
        {"tenant_id": "%s", "customer_id": %d, "product_id": "%s", "quantity": %d}
        """
            .formatted(shop, CUSTOMER, product, quantity),
        Map.of("Idempotency-Key", idempotencyKey));
  }

  private static long walletBalance() throws Exception {
    Api.Answer wallet = adminGet("/api/admin/wallets/" + AGENT + "/" + CUSTOMER);
    assertThat(wallet.status()).as(wallet.body()).isEqualTo(200);
    return wallet.json().path("balance").asLong();
  }

  private static Api.Answer admin(String path, String body) throws Exception {
    return gateway.post(path, platform.adminToken, body);
  }

  private static Api.Answer adminGet(String path) throws Exception {
    return gateway.get(path, platform.adminToken);
  }
}
