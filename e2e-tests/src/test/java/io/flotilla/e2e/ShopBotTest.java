package io.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiTypes.PreCheckoutQuery;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customers in Telegram, the way a person uses a shop bot — reading messages and pressing buttons
 * by their labels — against all five real services: top-up requested in the bot and confirmed by an
 * admin, the credit told in the chat, catalog, product, buy, the codes in the chat; the wallet, the
 * agent's pending profit and the ledger's reconciliation checked through the public API.
 */
class ShopBotTest {

  private static final Duration SOON = Duration.ofSeconds(60);

  private static E2eStack stack;
  private static TelegramBotApiEmulator telegram;
  private static FlotillaPlatform platform;
  private static Api gateway;
  private static BotHandle registeredMaster;

  @BeforeAll
  static void startPlatform() throws Exception {
    stack = E2eStack.start();
    telegram = stack.telegram;
    platform = stack.platform;
    gateway = new Api(platform.gateway.url());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aCustomerTopsUpAndBuysInAnAgentsBotAtItsMarkupAndInTheMasterBotAtBasePrice()
      throws Exception {
    BotHandle rose = agentBot("rose", "Rose Shop");
    Product card = stockedProduct("Rose card", 1000, codes("ROSE", 6));
    TelegramUser alice = new TelegramUser(610001, "Alice", "alice", "en");

    telegram.userSendsText(rose.token(), alice, "/topup");
    seen(rose, alice, m -> m.text().equals("How would you like to top up?"));
    telegram.userPressesButtonLabelled(rose.token(), alice, "💳 Pay by transfer");
    seen(rose, alice, m -> m.text().startsWith("How much would you like to add?"));
    telegram.userSendsText(rose.token(), alice, "100");
    seen(rose, alice, m -> m.text().startsWith("Top-up of 100.00 USDT requested"));
    confirmPendingTopUp("rose", alice.id());
    seen(
        rose,
        alice,
        m -> m.text().equals("✅ Your top-up of 100.00 USDT was credited to your wallet."));

    telegram.userSendsText(rose.token(), alice, "/start");
    seen(rose, alice, m -> m.text().startsWith("Welcome to Rose Shop!"));
    telegram.userPressesButtonLabelled(rose.token(), alice, "🛍 Catalog");
    seen(rose, alice, m -> m.text().equals("Choose a category:"));
    telegram.userPressesButtonLabelled(rose.token(), alice, card.category());
    seen(rose, alice, m -> m.text().equals("Choose a product:"));
    telegram.userPressesButtonLabelled(rose.token(), alice, "Rose card — 12.00 USDT");
    seen(rose, alice, m -> m.text().startsWith("Rose card\n"));
    telegram.userPressesButtonLabelled(rose.token(), alice, "🛒 Buy");
    seen(rose, alice, m -> m.text().startsWith("How many Rose card"));
    telegram.userPressesButtonLabelled(rose.token(), alice, "2");
    SentMessage confirmation = seen(rose, alice, m -> m.text().startsWith("Please confirm"));
    assertThat(confirmation.text()).contains("Total: 24.00 USDT").contains("100.00 USDT");
    telegram.userPressesButtonLabelled(rose.token(), alice, "✅ Confirm");

    SentMessage codes = seen(rose, alice, m -> m.text().startsWith("Thank you! Here are your"));
    assertThat(codes.text()).contains("Rose card × 2").contains("paid 24.00 USDT");
    assertThat(codes.text().lines().filter(line -> line.startsWith("ROSE-")).distinct()).hasSize(2);
    seen(rose, alice, m -> m.text().equals("Your balance is now 76.00 USDT."));
    assertThat(wallet("rose", alice.id())).isEqualTo(7_600);
    assertThat(adminGet("/api/admin/agents/rose/balance").path("pending").asLong())
        .as("the markup 200 × 2")
        .isEqualTo(400);

    BotHandle master = masterBot();
    TelegramUser bob = new TelegramUser(610002, "Bob", "bob", "en");
    topUp("master", bob.id(), 5_000);
    telegram.userSendsText(master.token(), bob, "/start p_" + card.id());
    seen(master, bob, m -> m.text().startsWith("Rose card\n") && m.text().contains("10.00 USDT"));
    telegram.userPressesButtonLabelled(master.token(), bob, "🛒 Buy");
    seen(master, bob, m -> m.text().startsWith("How many Rose card"));
    telegram.userPressesButtonLabelled(master.token(), bob, "1");
    seen(master, bob, m -> m.text().startsWith("Please confirm"));
    telegram.userPressesButtonLabelled(master.token(), bob, "✅ Confirm");
    seen(master, bob, m -> m.text().contains("(paid 10.00 USDT)"));
    assertThat(wallet("master", bob.id())).isEqualTo(4_000);

    assertThat(adminGet("/api/admin/ledger/reconciliation").path("differences"))
        .as("the books balance")
        .isEmpty();
  }

  @Test
  void starsPaidInTheMasterBotAreCreditedOnceByTheLedgerEvenWhenThePaymentComesTwice()
      throws Exception {
    BotHandle master = masterBot();
    TelegramUser carol = new TelegramUser(610003, "Carol", "carol", "en");

    telegram.userSendsText(master.token(), carol, "/topup");
    seen(master, carol, m -> m.text().equals("How would you like to top up?"));
    telegram.userPressesButtonLabelled(master.token(), carol, "⭐ Pay with Telegram Stars");
    seen(master, carol, m -> m.text().startsWith("How many Stars would you like to pay?"));
    telegram.userPressesButtonLabelled(master.token(), carol, "100 ⭐ → 1.30 USDT");
    SentMessage invoice = seen(master, carol, m -> m.text().startsWith("Balance top-up\n"));
    PreCheckoutQuery checkout =
        telegram.userPaysInvoice(master.token(), carol, invoice.messageId());
    assertThat(telegram.awaitPreCheckoutAnswer(master.token(), checkout.id(), SOON).ok()).isTrue();
    seen(master, carol, m -> m.text().startsWith("Payment received: 1.30 USDT added."));
    Update payment =
        telegram.updatesCreated(master.token()).stream()
            .filter(u -> u.message() != null && u.message().successfulPayment() != null)
            .findFirst()
            .orElseThrow();
    telegram.redeliverUpdate(master.token(), payment.updateId());

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> wallet("master", carol.id()) == 130);
    assertThat(adminGet("/api/admin/top-ups?tenant_id=master&customer_id=" + carol.id()))
        .singleElement()
        .satisfies(
            topUp -> {
              assertThat(topUp.path("method").asText()).isEqualTo("stars");
              assertThat(topUp.path("status").asText()).isEqualTo("credited");
            });
    assertThat(adminGet("/api/admin/ledger/reconciliation").path("differences")).isEmpty();
  }

  @Test
  void fiftyCustomersRushTheLastTenCodesAndExactlyTenGetOne() throws Exception {
    BotHandle lily = agentBot("lily", "Lily Shop");
    Product card = stockedProduct("Lily card", 500, codes("LILY", 10));
    List<TelegramUser> customers =
        IntStream.range(0, 50)
            .mapToObj(i -> new TelegramUser(620000 + i, "C" + i, null, "en"))
            .toList();
    for (TelegramUser customer : customers) {
      topUp("lily", customer.id(), 1_000);
    }
    ExecutorService people = Executors.newFixedThreadPool(10);
    try {
      List<Future<?>> ready = new ArrayList<>();
      for (TelegramUser customer : customers) {
        ready.add(
            people.submit(
                () -> {
                  telegram.userSendsText(lily.token(), customer, "/start p_" + card.id());
                  seen(lily, customer, m -> m.text().startsWith("Lily card\n"));
                  telegram.userPressesButtonLabelled(lily.token(), customer, "🛒 Buy");
                  seen(lily, customer, m -> m.text().startsWith("How many Lily card"));
                  telegram.userPressesButtonLabelled(lily.token(), customer, "1");
                  seen(lily, customer, m -> m.text().startsWith("Please confirm"));
                  return null;
                }));
      }
      for (Future<?> person : ready) {
        person.get();
      }
      // Everyone presses Confirm at once.
      customers.forEach(c -> telegram.userPressesButtonLabelled(lily.token(), c, "✅ Confirm"));
    } finally {
      people.shutdown();
    }

    List<String> outcomes = new ArrayList<>();
    Set<String> delivered = new TreeSet<>();
    for (TelegramUser customer : customers) {
      SentMessage outcome =
          seen(
              lily,
              customer,
              m ->
                  m.text().startsWith("Thank you! Here are your")
                      || m.text().startsWith("Sorry, there is not enough in stock"));
      outcomes.add(outcome.text().startsWith("Thank you") ? "codes" : "sold out");
      outcome.text().lines().filter(line -> line.startsWith("LILY-")).forEach(delivered::add);
    }
    assertThat(outcomes.stream().filter("codes"::equals)).hasSize(10);
    assertThat(outcomes.stream().filter("sold out"::equals)).hasSize(40);
    assertThat(delivered).hasSize(10);
    assertThat(adminGet("/api/admin/ledger/reconciliation").path("differences")).isEmpty();
  }

  private record Product(String id, String category) {}

  private static BotHandle agentBot(String agent, String name) throws Exception {
    BotHandle bot = telegram.registerBot(agent + "_flower_bot");
    Api.Answer created =
        admin(
            "/api/admin/agents",
            """
            {"agent_id": "%s", "name": "%s", "bot_token": "%s",
             "markup": {"kind": "PERCENT", "value": 2000}}
            """
                .formatted(agent, name, bot.token()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    await()
        .atMost(SOON)
        .until(() -> adminGetAnswer("/api/admin/agents/" + agent + "/pricing").status() == 200);
    return bot;
  }

  /** The platform's own shop bot, registered once for the class. */
  private static synchronized BotHandle masterBot() throws Exception {
    if (registeredMaster != null) {
      return registeredMaster;
    }
    BotHandle bot = telegram.registerBot("flotilla_master_bot");
    Api.Answer registered =
        gateway.put(
            "/api/admin/master/bot",
            platform.adminToken,
            "{\"bot_token\": \"%s\"}".formatted(bot.token()));
    assertThat(registered.status()).as(registered.body()).isIn(200, 201);
    registeredMaster = bot;
    return bot;
  }

  private static Product stockedProduct(String name, long basePrice, List<String> codes)
      throws Exception {
    String category = name + " category";
    Api.Answer created =
        admin("/api/admin/categories", "{\"name_en\": \"%s\"}".formatted(category));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Api.Answer product =
        admin(
            "/api/admin/products",
            """
            {"category_id": "%s", "name_en": "%s", "kind": "unique", "base_price": %d}
            """
                .formatted(created.json().path("category_id").asText(), name, basePrice));
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
    return new Product(productId, category);
  }

  private static List<String> codes(String prefix, int count) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + run + "-" + i).toList();
  }

  private static void confirmPendingTopUp(String shop, long customer) throws Exception {
    JsonNode topUps =
        adminGet(
            "/api/admin/top-ups?status=pending&tenant_id=" + shop + "&customer_id=" + customer);
    assertThat(topUps).hasSize(1);
    Api.Answer confirmed =
        admin(
            "/api/admin/top-ups/" + topUps.get(0).path("top_up_id").asText() + "/confirm",
            "{\"provider_transaction_id\": \"bank-" + UUID.randomUUID() + "\"}");
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
  }

  private static void topUp(String shop, long customer, long amount) throws Exception {
    Api.Answer requested =
        admin(
            "/api/admin/top-ups",
            """
            {"tenant_id": "%s", "customer_id": %d, "amount": %d}
            """
                .formatted(shop, customer, amount));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    Api.Answer confirmed =
        admin(
            "/api/admin/top-ups/" + requested.json().path("top_up_id").asText() + "/confirm",
            "{\"provider_transaction_id\": \"bank-" + UUID.randomUUID() + "\"}");
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
  }

  private static long wallet(String shop, long customer) throws Exception {
    return adminGet("/api/admin/wallets/" + shop + "/" + customer).path("balance").asLong();
  }

  private static SentMessage seen(
      BotHandle bot, TelegramUser person, Predicate<SentMessage> condition) {
    return telegram.awaitMessage(bot.token(), person.id(), condition, SOON);
  }

  private static Api.Answer admin(String path, String body) throws Exception {
    return gateway.post(path, platform.adminToken, body);
  }

  private static Api.Answer adminGetAnswer(String path) throws Exception {
    return gateway.get(path, platform.adminToken);
  }

  private static JsonNode adminGet(String path) throws Exception {
    Api.Answer answer = gateway.get(path, platform.adminToken);
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
    return answer.json();
  }
}
