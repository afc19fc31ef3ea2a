package io.flotilla.fleet.feature.wallet;

import static io.flotilla.fleet.support.ShopBots.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.fleet.support.FakeInventoryService;
import io.flotilla.fleet.support.FakeLedgerService;
import io.flotilla.fleet.support.FakeLedgerService.TopUp;
import io.flotilla.fleet.support.ShopBots;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotApiTypes.PreCheckoutQuery;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.PreCheckoutAnswer;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.flotilla.testkit.telegram.TelegramUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Topping up a shop wallet as a customer does it: through the central channel (an amount, then the
 * reference to pay with) and in Telegram Stars (an invoice, the pre-checkout check, the payment
 * credited once however often Telegram delivers it).
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
@QuarkusTestResource(FakeInventoryService.class)
@QuarkusTestResource(FakeLedgerService.class)
class TopUpTest {

  @Inject BotSupervisor supervisor;

  private TelegramBotApiEmulator telegram;

  @BeforeEach
  void emulator() {
    telegram = TelegramEmulatorResource.emulator();
  }

  @Test
  void aCentralTopUpGivesTheReferenceAndHowToPay() {
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_central");
    TelegramUser alice = ShopBots.person(9101, "en");

    telegram.userSendsText(bot.token(), alice, "/topup");
    shown(bot, alice, m -> m.text().equals("How would you like to top up?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "💳 Pay by transfer");
    shown(bot, alice, m -> m.text().startsWith("How much would you like to add?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "20.00 USDT");

    SentMessage created = shown(bot, alice, m -> m.text().startsWith("Top-up of 20.00 USDT"));
    TopUp topUp = FakeLedgerService.topUps("shop_central", alice.id()).getFirst();
    assertThat(topUp.amount()).isEqualTo(2_000);
    assertThat(created.text())
        .contains(
            "Your reference: " + topUp.reference(), "give the reference " + topUp.reference());
  }

  @Test
  void aTypedTopUpAmountIsReadInTheWalletsCurrency() {
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_typedtopup");
    TelegramUser alice = ShopBots.person(9201, "en");

    telegram.userSendsText(bot.token(), alice, "/topup");
    shown(bot, alice, m -> m.text().equals("How would you like to top up?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "💳 Pay by transfer");
    shown(bot, alice, m -> m.text().startsWith("How much would you like to add?"));
    telegram.userSendsText(bot.token(), alice, "twelve");
    shown(bot, alice, m -> m.text().startsWith("Please send an amount in USDT"));
    telegram.userSendsText(bot.token(), alice, "12.505");
    telegram.userSendsText(bot.token(), alice, "12.5");

    shown(bot, alice, m -> m.text().startsWith("Top-up of 12.50 USDT requested"));
    assertThat(FakeLedgerService.topUps("shop_typedtopup", alice.id()))
        .extracting(TopUp::amount)
        .containsExactly(1_250L);
  }

  @Test
  void starsArePaidThroughAnInvoiceAndCreditedOnceEvenWhenThePaymentComesTwice() {
    BotHandle bot = ShopBots.master(telegram, supervisor, "shop_stars");
    TelegramUser alice = ShopBots.person(9301, "en");

    telegram.userSendsText(bot.token(), alice, "/topup");
    shown(bot, alice, m -> m.text().equals("How would you like to top up?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "⭐ Pay with Telegram Stars");
    shown(bot, alice, m -> m.text().startsWith("How many Stars would you like to pay?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "100 ⭐ → 1.30 USDT");
    SentMessage invoice = shown(bot, alice, m -> m.text().startsWith("Balance top-up\n"));
    assertThat(invoice.text()).contains("100 Telegram Stars add 1.30 USDT to your balance.");
    TopUp topUp = FakeLedgerService.topUps("shop_stars", alice.id()).getFirst();

    PreCheckoutQuery checkout = telegram.userPaysInvoice(bot.token(), alice, invoice.messageId());
    assertThat(telegram.awaitPreCheckoutAnswer(bot.token(), checkout.id(), WAIT).ok()).isTrue();
    shown(
        bot,
        alice,
        m -> m.text().equals("Payment received: 1.30 USDT added. Your balance is now 1.30 USDT."));
    Update payment =
        telegram.updatesCreated(bot.token()).stream()
            .filter(u -> u.message() != null && u.message().successfulPayment() != null)
            .findFirst()
            .orElseThrow();
    telegram.redeliverUpdate(bot.token(), payment.updateId());

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                FakeLedgerService.credits(topUp.topUpId()) == 1
                    && FakeLedgerService.balance("shop_stars", alice.id()) == 130);
    assertThat(
            telegram.messagesTo(bot.token(), alice.id()).stream()
                .filter(m -> m.text().startsWith("Payment received")))
        .hasSize(1);
    assertThat(telegram.starPayments(bot.token())).hasSize(1).noneMatch(p -> p.refunded());
  }

  @Test
  void anAgentsBotTakesNoStarsBecauseTelegramWouldPayThemToTheAgent() {
    BotHandle bot = ShopBots.running(telegram, supervisor, "shop_agentstars");
    TelegramUser alice = ShopBots.person(9451, "en");

    telegram.userSendsText(bot.token(), alice, "/topup");
    SentMessage choices = shown(bot, alice, m -> m.text().equals("How would you like to top up?"));
    assertThat(choices.buttonLabels())
        .contains("💳 Pay by transfer")
        .doesNotContain("⭐ Pay with Telegram Stars");
    String forged =
        telegram.userSendsForgedCallback(bot.token(), alice, choices.messageId(), "tops").id();

    assertThat(telegram.awaitCallbackAnswer(bot.token(), forged, WAIT).text())
        .isEqualTo("This menu has expired. Send /start to get a fresh one.");
    assertThat(FakeLedgerService.topUps("shop_agentstars", alice.id())).isEmpty();
  }

  @Test
  void aPaidInvoiceCannotBePaidAgain() {
    BotHandle bot = ShopBots.master(telegram, supervisor, "shop_paidtwice");
    TelegramUser alice = ShopBots.person(9401, "en");
    telegram.userSendsText(bot.token(), alice, "/topup");
    shown(bot, alice, m -> m.text().equals("How would you like to top up?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "⭐ Pay with Telegram Stars");
    shown(bot, alice, m -> m.text().startsWith("How many Stars would you like to pay?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "50 ⭐ → 0.65 USDT");
    SentMessage invoice = shown(bot, alice, m -> m.text().startsWith("Balance top-up\n"));
    PreCheckoutQuery first = telegram.userPaysInvoice(bot.token(), alice, invoice.messageId());
    telegram.awaitPreCheckoutAnswer(bot.token(), first.id(), WAIT);
    shown(bot, alice, m -> m.text().startsWith("Payment received: 0.65 USDT added."));

    PreCheckoutQuery second = telegram.userPaysInvoice(bot.token(), alice, invoice.messageId());
    PreCheckoutAnswer answer = telegram.awaitPreCheckoutAnswer(bot.token(), second.id(), WAIT);

    assertThat(answer.ok()).isFalse();
    assertThat(answer.errorMessage()).isEqualTo("This invoice is paid already.");
    assertThat(FakeLedgerService.balance("shop_paidtwice", alice.id())).isEqualTo(65);
  }

  @Test
  void starsTheLedgerWillNotCreditAreRefunded() {
    BotHandle bot = ShopBots.master(telegram, supervisor, "shop_refund");
    TelegramUser alice = ShopBots.person(9501, "en");
    FakeLedgerService.refuseStarsPayments("shop_refund");
    telegram.userSendsText(bot.token(), alice, "/topup");
    shown(bot, alice, m -> m.text().equals("How would you like to top up?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "⭐ Pay with Telegram Stars");
    shown(bot, alice, m -> m.text().startsWith("How many Stars would you like to pay?"));
    telegram.userPressesButtonLabelled(bot.token(), alice, "250 ⭐ → 3.25 USDT");
    SentMessage invoice = shown(bot, alice, m -> m.text().startsWith("Balance top-up\n"));

    PreCheckoutQuery checkout = telegram.userPaysInvoice(bot.token(), alice, invoice.messageId());
    assertThat(telegram.awaitPreCheckoutAnswer(bot.token(), checkout.id(), WAIT).ok()).isTrue();

    shown(
        bot,
        alice,
        m ->
            m.text().equals("We could not credit this payment, so your Stars have been refunded."));
    assertThat(telegram.starPayments(bot.token())).singleElement().matches(p -> p.refunded());
    assertThat(FakeLedgerService.balance("shop_refund", alice.id())).isZero();
  }

  private SentMessage shown(BotHandle bot, TelegramUser user, Predicate<SentMessage> condition) {
    return telegram.awaitMessage(bot.token(), user.id(), condition, WAIT);
  }
}
