package io.flotilla.fleet.feature.shop;

import static io.flotilla.fleet.support.ShopBots.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fleet.bot.CallbackCodec;
import io.flotilla.fleet.feature.orders.OrdersModule.OpenOrder;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.fleet.support.FakeInventoryService;
import io.flotilla.fleet.support.FakeInventoryService.Category;
import io.flotilla.fleet.support.FakeInventoryService.Product;
import io.flotilla.fleet.support.FakeLedgerService;
import io.flotilla.fleet.support.ShopBots;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.flotilla.testkit.telegram.TelegramUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A customer in an agent's shop bot, as they meet it: the catalog, a product at the shop's price,
 * buying with a confirmation, the codes in the chat, the wallet, the orders; and what they are told
 * when the money, the stock or the shop is not there.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
@QuarkusTestResource(FakeInventoryService.class)
@QuarkusTestResource(FakeLedgerService.class)
class ShopTest {

  private static Category games;

  @Inject BotSupervisor supervisor;

  private TelegramBotApiEmulator telegram;

  @BeforeAll
  static void catalog() {
    games = FakeInventoryService.category("Games", "游戏");
  }

  @BeforeEach
  void emulator() {
    telegram = TelegramEmulatorResource.emulator();
  }

  @Test
  void aCustomerBrowsesBuysTwoAndGetsTheCodesAndTheDebitedBalance() {
    Category vouchers = FakeInventoryService.category("Vouchers", "礼品卡");
    Product steam =
        FakeInventoryService.uniqueCodes(
            vouchers,
            "Steam key",
            "Steam 充值码",
            1250,
            IntStream.range(0, 5).mapToObj(i -> "STEAM-" + i).toList());
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_browse");
    TelegramUser alice = ShopBots.person(8101, "en");
    FakeLedgerService.credit("shop_browse", alice.id(), 10_000);

    telegram.userSendsText(bot.token(), alice, "/start");
    await(bot, alice, m -> m.text().startsWith("Welcome to Browse"));
    assertThat(telegram.lastMessageTo(bot.token(), alice.id()).buttonLabels())
        .contains("🛍 Catalog", "💰 Balance", "➕ Top up", "📦 My orders");
    telegram.userPressesButtonLabelled(bot.token(), alice, "🛍 Catalog");
    await(bot, alice, m -> m.text().equals("Choose a category:"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "Vouchers");
    await(bot, alice, m -> m.text().equals("Choose a product:"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "Steam key — 12.50 USDT");
    SentMessage product = await(bot, alice, m -> m.text().startsWith("Steam key\n"));
    assertThat(product.text()).contains("Price: 12.50 USDT each", "In stock");
    assertThat(product.edit()).as("the catalog is browsed in one message").isTrue();

    telegram.userPressesButtonLabelled(bot.token(), alice, "🛒 Buy");
    SentMessage quantities = await(bot, alice, m -> m.text().startsWith("How many Steam key"));
    assertThat(quantities.buttonLabels()).contains("1", "2", "5").doesNotContain("10");
    telegram.userPressesButtonLabelled(bot.token(), alice, "2");
    SentMessage confirmation = await(bot, alice, m -> m.text().startsWith("Please confirm"));
    assertThat(confirmation.text())
        .contains(
            "Steam key × 2",
            "Unit price: 12.50 USDT",
            "Total: 25.00 USDT",
            "Your balance: 100.00 USDT");
    telegram.userPressesButtonLabelled(bot.token(), alice, "✅ Confirm");

    SentMessage delivered = await(bot, alice, m -> m.text().contains("Here are your"));
    assertThat(delivered.text()).contains("STEAM-0", "STEAM-1").doesNotContain("STEAM-2");
    await(bot, alice, m -> m.text().equals("Your balance is now 75.00 USDT."));
    assertThat(FakeLedgerService.balance("shop_browse", alice.id())).isEqualTo(7_500);
    assertThat(FakeInventoryService.available(steam)).isEqualTo(3);

    telegram.userSendsText(bot.token(), alice, "/balance");
    SentMessage balance = await(bot, alice, m -> m.text().startsWith("Your balance: 75.00 USDT"));
    assertThat(balance.text()).contains("purchase  -25.00 USDT", "top-up  +100.00 USDT");

    telegram.userSendsText(bot.token(), alice, "/orders");
    SentMessage orders = await(bot, alice, m -> m.text().startsWith("Your orders (1)"));
    String orderButton = orders.buttonLabels().getFirst();
    assertThat(orderButton).contains("Steam key × 2 · 25.00 USDT");
    telegram.userPressesButtonLabelled(bot.token(), alice, orderButton);
    await(
        bot,
        alice,
        m -> m.edit() && m.text().contains("Here are your") && m.text().contains("STEAM-1"));
  }

  @Test
  void aDeepLinkOpensTheProductAndATypedQuantityIsChecked() {
    Product netflix = codes("Netflix month", null, 900, 3, "NFX");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_typed");
    TelegramUser alice = ShopBots.person(8201, "en");
    FakeLedgerService.credit("shop_typed", alice.id(), 5_000);

    telegram.userSendsText(bot.token(), alice, "/start p_" + UUID.randomUUID());
    telegram.userSendsText(bot.token(), alice, "/start p_nonsense");
    await(bot, alice, m -> m.text().equals("This product is no longer for sale."));
    telegram.userSendsText(bot.token(), alice, "/start p_" + netflix.id());
    SentMessage product = await(bot, alice, m -> m.text().startsWith("Netflix month\n"));
    assertThat(product.text())
        .isEqualTo(
            "Netflix month\nDelivered at once in the chat.\n\nPrice: 9.00 USDT each\nIn stock");
    assertThat(
            telegram.messagesTo(bot.token(), alice.id()).stream()
                .filter(m -> m.text().equals("This product is no longer for sale.")))
        .hasSize(2);
    telegram.userPressesButtonLabelled(bot.token(), alice, "🛒 Buy");
    await(bot, alice, m -> m.text().startsWith("How many Netflix month"));

    telegram.userSendsText(bot.token(), alice, "lots");
    await(bot, alice, m -> m.text().equals("Please send a whole number, for example 3."));
    telegram.userSendsText(bot.token(), alice, "0");
    await(bot, alice, m -> m.text().equals("The quantity must be at least 1."));
    telegram.userSendsText(bot.token(), alice, "-4");
    telegram.userSendsText(bot.token(), alice, "99");
    await(bot, alice, m -> m.text().equals("You can buy at most 3 at once."));
    telegram.userSendsText(bot.token(), alice, "3");
    SentMessage confirmation = await(bot, alice, m -> m.text().startsWith("Please confirm"));

    assertThat(confirmation.text()).contains("Netflix month × 3", "Total: 27.00 USDT");
    assertThat(FakeInventoryService.orders("shop_typed", alice.id())).isEmpty();
    assertThat(FakeInventoryService.available(netflix)).isEqualTo(3);
  }

  @Test
  void tooLittleMoneyShowsTheShortfallAndATopUpButtonAndReservesNothing() {
    Product steam = codes("Xbox card", null, 1250, 2, "XBOX");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_poor");
    TelegramUser alice = ShopBots.person(8301, "en");
    FakeLedgerService.credit("shop_poor", alice.id(), 1_000);

    buyAndConfirm(bot, alice, steam, "Xbox card", "1");

    SentMessage refused = await(bot, alice, m -> m.text().startsWith("Your balance is too low"));
    assertThat(refused.text()).contains("Total: 12.50 USDT", "Missing: 2.50 USDT");
    assertThat(refused.buttonLabels()).contains("➕ Top up");
    assertThat(FakeInventoryService.available(steam)).isEqualTo(2);
    assertThat(FakeLedgerService.balance("shop_poor", alice.id())).isEqualTo(1_000);

    telegram.userPressesButtonLabelled(bot.token(), alice, "➕ Top up");
    await(bot, alice, m -> m.text().equals("How would you like to top up?"));
  }

  @Test
  void stockSoldMeanwhileIsToldPlainlyAndCostsNothing() {
    Product steam = codes("PSN card", null, 500, 3, "PSN");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_sold");
    TelegramUser alice = ShopBots.person(8401, "en");
    FakeLedgerService.credit("shop_sold", alice.id(), 5_000);

    telegram.userSendsText(bot.token(), alice, "/start p_" + steam.id());
    await(bot, alice, m -> m.text().startsWith("PSN card\n"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "🛒 Buy");
    await(bot, alice, m -> m.text().startsWith("How many PSN card"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "2");
    await(bot, alice, m -> m.text().startsWith("Please confirm"));
    FakeInventoryService.sellElsewhere(steam, 2);
    telegram.userPressesButtonLabelled(bot.token(), alice, "✅ Confirm");

    await(bot, alice, m -> m.text().startsWith("Sorry, there is not enough in stock"));
    assertThat(FakeLedgerService.balance("shop_sold", alice.id())).isEqualTo(5_000);

    FakeInventoryService.sellElsewhere(steam, 1);
    telegram.userSendsText(bot.token(), alice, "/start p_" + steam.id());
    SentMessage soldOut =
        await(bot, alice, m -> m.text().startsWith("PSN card\n") && m.text().contains("Sold out"));
    assertThat(soldOut.buttonLabels()).doesNotContain("🛒 Buy");
  }

  @Test
  void aChangedPriceIsShownAndAskedAgainBeforeAnythingIsBought() {
    Category coins = FakeInventoryService.category("Coins", "金币");
    Product gold = FakeInventoryService.counted(coins, "Gold coins", 300, 100, 20);
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_reprice");
    TelegramUser alice = ShopBots.person(8451, "en");
    FakeLedgerService.credit("shop_reprice", alice.id(), 5_000);

    telegram.userSendsText(bot.token(), alice, "/start p_" + gold.id());
    SentMessage product = await(bot, alice, m -> m.text().startsWith("Gold coins\n"));
    assertThat(product.text()).contains("Price: 3.00 USDT each", "In stock: 100");
    telegram.userPressesButtonLabelled(bot.token(), alice, "🛒 Buy");
    SentMessage quantities = await(bot, alice, m -> m.text().startsWith("How many Gold coins"));
    assertThat(quantities.buttonLabels()).contains("1", "2", "5", "10");
    telegram.userPressesButtonLabelled(bot.token(), alice, "5");
    await(bot, alice, m -> m.text().contains("Total: 15.00 USDT"));
    FakeInventoryService.reprice(gold, 350);
    telegram.userPressesButtonLabelled(bot.token(), alice, "✅ Confirm");

    SentMessage again =
        await(bot, alice, m -> m.text().startsWith("The price has changed: it is now 3.50 USDT"));
    assertThat(again.text()).contains("Unit price: 3.50 USDT", "Total: 17.50 USDT");
    assertThat(FakeInventoryService.orders("shop_reprice", alice.id())).isEmpty();
    telegram.userPressesButtonLabelled(bot.token(), alice, "✅ Confirm");

    await(
        bot,
        alice,
        m ->
            m.text()
                .equals("Thank you! Your order of Gold coins × 5 is complete. Paid: 17.50 USDT."));
    await(bot, alice, m -> m.text().equals("Your balance is now 32.50 USDT."));
    assertThat(FakeInventoryService.orders("shop_reprice", alice.id()))
        .singleElement()
        .satisfies(order -> assertThat(order.unitPrice()).isEqualTo(350));
  }

  @Test
  void aLongCategoryIsPagedInPlace() {
    Category many = FakeInventoryService.category("Many things", "很多东西");
    IntStream.rangeClosed(1, 10)
        .forEach(i -> FakeInventoryService.counted(many, "Thing %02d".formatted(i), 100, 10, null));
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_paged");
    TelegramUser alice = ShopBots.person(8461, "en");

    telegram.userSendsText(bot.token(), alice, "/catalog");
    await(bot, alice, m -> m.text().equals("Choose a category:"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "Many things");
    SentMessage first = await(bot, alice, m -> m.text().equals("Choose a product:"));
    assertThat(first.buttonLabels())
        .contains("Thing 01 — 1.00 USDT", "Thing 08 — 1.00 USDT", "Next ▶")
        .doesNotContain("Thing 09 — 1.00 USDT", "◀ Previous");
    telegram.userPressesButtonLabelled(bot.token(), alice, "Next ▶");

    SentMessage second = await(bot, alice, m -> m.buttonLabels().contains("Thing 10 — 1.00 USDT"));
    assertThat(second.messageId()).isEqualTo(first.messageId());
    assertThat(second.buttonLabels())
        .contains("Thing 09 — 1.00 USDT", "◀ Previous")
        .doesNotContain("Thing 01 — 1.00 USDT", "Next ▶");
  }

  @Test
  void ordersArePagedNewestFirstAndOpenWithTheirCodes() {
    Product keys = codes("Uplay key", null, 400, 6, "UPLAY");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_history");
    TelegramUser alice = ShopBots.person(8471, "en");
    List<FakeInventoryService.Order> placed =
        IntStream.range(0, 6)
            .mapToObj(i -> FakeInventoryService.deliveredTo("shop_history", alice.id(), keys, 1))
            .toList();

    telegram.userSendsText(bot.token(), alice, "/orders");
    SentMessage first = await(bot, alice, m -> m.text().startsWith("Your orders (6)"));
    assertThat(first.buttonLabels()).filteredOn(l -> l.contains("Uplay key")).hasSize(5);
    assertThat(first.buttonLabels()).contains("Next ▶");
    telegram.userPressesButtonLabelled(bot.token(), alice, "Next ▶");
    SentMessage second =
        await(bot, alice, m -> m.edit() && m.buttonLabels().contains("◀ Previous"));
    assertThat(second.buttonLabels()).filteredOn(l -> l.contains("Uplay key")).hasSize(1);

    telegram.userPressesButtonLabelled(bot.token(), alice, second.buttonLabels().getFirst());
    SentMessage oldest = await(bot, alice, m -> m.text().contains("Here are your"));
    assertThat(oldest.text()).contains(placed.getFirst().codes().getFirst());
  }

  @Test
  void theCommandMenuListsTheShopInTheCustomersLanguage() {
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_menus");
    TelegramUser alice = ShopBots.person(8481, "en");
    TelegramUser li = ShopBots.person(8482, "zh-hans");

    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(telegram.commandsSeenBy(bot.token(), alice))
                  .extracting(c -> c.command() + " " + c.description())
                  .containsSubsequence(
                      "start Main menu",
                      "catalog Browse the catalog",
                      "balance Your balance and latest payments",
                      "topup Add money to your balance",
                      "orders Your orders and their codes");
              assertThat(telegram.commandsSeenBy(bot.token(), li))
                  .extracting(c -> c.command() + " " + c.description())
                  .contains("catalog 浏览商品目录", "topup 为余额充值");
            });
  }

  @Test
  void aPausedShopSaysSoWhenBrowsingAndWhenConfirming() {
    Product key = codes("Battle pass", null, 800, 2, "PASS");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_paused");
    TelegramUser alice = ShopBots.person(8501, "en");
    FakeLedgerService.credit("shop_paused", alice.id(), 5_000);
    telegram.userSendsText(bot.token(), alice, "/start p_" + key.id());
    await(bot, alice, m -> m.text().startsWith("Battle pass\n"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "🛒 Buy");
    await(bot, alice, m -> m.text().startsWith("How many Battle pass"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "1");
    await(bot, alice, m -> m.text().startsWith("Please confirm"));

    FakeInventoryService.pause("shop_paused", true);
    telegram.userPressesButtonLabelled(bot.token(), alice, "✅ Confirm");
    await(
        bot,
        alice,
        m ->
            m.edit()
                && m.text().equals("This shop is not selling right now. Please try again later."));
    telegram.userSendsText(bot.token(), alice, "/catalog");

    await(
        bot,
        alice,
        m ->
            !m.edit()
                && m.text().equals("This shop is not selling right now. Please try again later."));
    assertThat(FakeLedgerService.balance("shop_paused", alice.id())).isEqualTo(5_000);
    assertThat(FakeInventoryService.available(key)).isEqualTo(2);
  }

  @Test
  void aDoubleTapOnConfirmPlacesOneOrder() {
    Product steam = codes("Steam gift", null, 1000, 5, "GIFT");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_double");
    TelegramUser alice = ShopBots.person(8601, "en");
    FakeLedgerService.credit("shop_double", alice.id(), 10_000);
    telegram.userSendsText(bot.token(), alice, "/start p_" + steam.id());
    await(bot, alice, m -> m.text().startsWith("Steam gift\n"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "🛒 Buy");
    await(bot, alice, m -> m.text().startsWith("How many Steam gift"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "1");
    SentMessage confirmation = await(bot, alice, m -> m.text().startsWith("Please confirm"));
    String confirm = confirmation.callbackData("✅ Confirm").orElseThrow();

    telegram.userPressesButton(bot.token(), alice, confirmation.messageId(), confirm);
    String second =
        telegram
            .userSendsForgedCallback(bot.token(), alice, confirmation.messageId(), confirm)
            .id();

    await(bot, alice, m -> m.text().contains("Here are your"));
    assertThat(telegram.awaitCallbackAnswer(bot.token(), second, WAIT).text())
        .isEqualTo("This order was already confirmed or cancelled.");
    assertThat(FakeInventoryService.orders("shop_double", alice.id())).hasSize(1);
    assertThat(FakeLedgerService.balance("shop_double", alice.id())).isEqualTo(9_000);
    assertThat(
            telegram.messagesTo(bot.token(), alice.id()).stream()
                .filter(m -> m.text().contains("Here are your")))
        .hasSize(1);
  }

  @Test
  void aForgedButtonForAnotherCustomersOrderShowsNothingOfIt() {
    Product steam = codes("Origin key", null, 700, 2, "ORIGIN");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_forged");
    TelegramUser alice = ShopBots.person(8701, "en");
    FakeInventoryService.Order bobs =
        FakeInventoryService.deliveredTo("shop_forged", 8702, steam, 1);

    telegram.userSendsText(bot.token(), alice, "/orders");
    SentMessage none =
        await(bot, alice, m -> m.text().equals("You have no orders in this shop yet."));
    String forged =
        telegram
            .userSendsForgedCallback(
                bot.token(),
                alice,
                none.messageId(),
                CallbackCodec.encode(new OpenOrder(bobs.orderId())))
            .id();

    assertThat(telegram.awaitCallbackAnswer(bot.token(), forged, WAIT).text())
        .isEqualTo("This menu has expired. Send /start to get a fresh one.");
    assertThat(telegram.messagesTo(bot.token(), alice.id()))
        .noneMatch(m -> m.text().contains(bobs.codes().getFirst()));
  }

  @Test
  void aChineseCustomerBuysInChinese() {
    Product steam = codes("Steam wallet", "Steam 钱包", 1250, 3, "CN");
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_chinese");
    TelegramUser li = ShopBots.person(8801, "zh-hans");
    FakeLedgerService.credit("shop_chinese", li.id(), 5_000);

    telegram.userSendsText(bot.token(), li, "/start p_" + steam.id());
    SentMessage product = await(bot, li, m -> m.text().startsWith("Steam 钱包\n"));
    assertThat(product.text()).contains("单价：12.50 USDT", "有货", "购买后立即在聊天中发货");
    telegram.userPressesButtonLabelled(bot.token(), li, "🛒 购买");
    await(bot, li, m -> m.text().startsWith("您要购买多少个Steam 钱包"));
    telegram.userPressesButtonLabelled(bot.token(), li, "1");
    SentMessage confirmation = await(bot, li, m -> m.text().startsWith("请确认您的订单"));
    assertThat(confirmation.text()).contains("合计：12.50 USDT", "您的余额：50.00 USDT");
    telegram.userPressesButtonLabelled(bot.token(), li, "✅ 确认");

    SentMessage delivered = await(bot, li, m -> m.text().startsWith("谢谢！这是您购买的"));
    assertThat(delivered.text()).contains("Steam 钱包 × 1（已支付 12.50 USDT）", "CN-0");
    await(bot, li, m -> m.text().equals("您当前的余额为 37.50 USDT。"));
  }

  @Test
  void codesThatDoNotFitAMessageComeAsAFile() {
    List<String> longCodes =
        IntStream.range(0, 10).mapToObj(i -> "LONG-" + i + "-" + "x".repeat(500)).toList();
    Product bulk = FakeInventoryService.uniqueCodes(games, "Bulk keys", null, 100, longCodes);
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_bulk");
    TelegramUser alice = ShopBots.person(8901, "en");
    FakeLedgerService.credit("shop_bulk", alice.id(), 5_000);

    buyAndConfirm(bot, alice, bulk, "Bulk keys", "10");

    SentMessage file = await(bot, alice, m -> m.documentFileName() != null);
    assertThat(file.documentFileName()).endsWith(".txt");
    String content =
        new String(
            telegram.fileContent(bot.token(), file.message().document().fileId()),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(content.lines()).containsExactlyElementsOf(longCodes);
  }

  private void buyAndConfirm(
      BotHandle bot, TelegramUser user, Product product, String name, String quantity) {
    telegram.userSendsText(bot.token(), user, "/start p_" + product.id());
    await(bot, user, m -> m.text().startsWith(name + "\n"));
    telegram.userPressesButtonLabelled(bot.token(), user, "🛒 Buy");
    await(bot, user, m -> m.text().startsWith("How many " + name));
    telegram.userPressesButtonLabelled(bot.token(), user, quantity);
    await(bot, user, m -> m.text().startsWith("Please confirm"));
    telegram.userPressesButtonLabelled(bot.token(), user, "✅ Confirm");
  }

  private static Product codes(String nameEn, String nameZh, long price, int count, String prefix) {
    return FakeInventoryService.uniqueCodes(
        games,
        nameEn,
        nameZh,
        price,
        IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList());
  }

  private SentMessage await(BotHandle bot, TelegramUser user, Predicate<SentMessage> condition) {
    return telegram.awaitMessage(bot.token(), user.id(), condition, WAIT);
  }
}
