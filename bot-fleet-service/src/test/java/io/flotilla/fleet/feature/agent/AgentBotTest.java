package io.flotilla.fleet.feature.agent;

import static io.flotilla.fleet.support.AgentBots.WAIT;
import static io.flotilla.fleet.support.AgentBots.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.support.AgentBots;
import io.flotilla.fleet.support.FakeAgentBackOffice;
import io.flotilla.fleet.support.FakeAgentBackOffice.Money;
import io.flotilla.fleet.support.FakeAgentBackOffice.Sales;
import io.flotilla.fleet.support.FakeAgentBackOffice.Withdrawal;
import io.flotilla.fleet.support.FakeCredentialService;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent's owners in their own bot, as they would use it: a claim link that makes them owners
 * once, their earnings, their markup within the admin's bounds, and a withdrawal request; and
 * customers of the same bot, to whom none of it exists.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
@QuarkusTestResource(value = FakeAgentBackOffice.class, restrictToAnnotatedClass = true)
class AgentBotTest {

  private static final String UNKNOWN =
      "Sorry, I don't know that command. Send /help to see what I can do.";

  @Inject BotSupervisor supervisor;

  private TelegramBotApiEmulator telegram;

  @BeforeEach
  void emulator() {
    telegram = TelegramEmulatorResource.emulator();
  }

  @Test
  void aClaimLinkMakesTheFirstPersonAnOwnerOnce() {
    BotHandle bot = AgentBots.agent(telegram, supervisor, "claimed", List.of());
    TelegramUser alice = person(9101, "en");
    TelegramUser bob = person(9102, "zh-hans");
    FakeCredentialService.claim("Zq3vK8mN2pR5tW7yA1cE4gH6jL9nP0sU", "claimed", later());
    FakeCredentialService.claim("Old0Old0Old0Old0Old0Old0Old0Old0", "claimed", earlier());

    telegram.userSendsText(bot.token(), alice, "/panel");
    awaitText(bot, alice, UNKNOWN);
    telegram.userSendsText(bot.token(), alice, "/start claim_Zq3vK8mN2pR5tW7yA1cE4gH6jL9nP0sU");
    awaitText(bot, alice, "✅ You now run Claimed. Send /panel");
    telegram.userSendsText(bot.token(), bob, "/start claim_Zq3vK8mN2pR5tW7yA1cE4gH6jL9nP0sU");
    awaitText(bot, bob, "此链接已被使用");
    telegram.userSendsText(bot.token(), bob, "/start claim_Old0Old0Old0Old0Old0Old0Old0Old0");
    awaitText(bot, bob, "此链接已过期");
    telegram.userSendsText(bot.token(), bob, "/start claim_madeUpCode");
    awaitText(bot, bob, "此链接对本店无效");
    assertThat(FakeCredentialService.agent("claimed").ownerTelegramIds()).containsExactly(9101L);

    // AgentOwnersChanged nudges the bot; then the owner has the agent's commands, Bob does not.
    supervisor.nudge("claimed");
    await()
        .atMost(WAIT)
        .until(
            () ->
                supervisor
                    .target("claimed")
                    .map(t -> t.info().ownerTelegramIds().contains(9101L))
                    .orElse(false));
    telegram.userSendsText(bot.token(), alice, "/panel");
    awaitText(bot, alice, "📊 Claimed — your earnings");
    telegram.userSendsText(bot.token(), bob, "/panel");
    telegram.awaitMessage(
        bot.token(), bob.id(), m -> m.text().startsWith("抱歉") || m.text().contains("/help"), WAIT);
  }

  @Test
  void thePanelShowsTheAgentsMoneyAndSalesToItsOwnersOnly() {
    TelegramUser owner = person(9201, "en");
    TelegramUser customer = person(9202, "en");
    BotHandle bot = AgentBots.agent(telegram, supervisor, "earner", List.of(owner.id()));
    FakeAgentBackOffice.money("earner", new Money(1250, 4000, 1000, 20_000, 300, 1000, null));
    FakeAgentBackOffice.sales("earner", new Sales(2, 300));

    telegram.userSendsText(bot.token(), owner, "/panel");
    SentMessage panel = awaitText(bot, owner, "📊 Earner — your earnings");
    assertThat(panel.text())
        .isEqualTo(
            String.join(
                "\n",
                "📊 Earner — your earnings",
                "Pending: 12.50 USDT",
                "(each sale's profit becomes available 168 hours after the sale)",
                "Available to withdraw: 40.00 USDT",
                "Held in withdrawals: 10.00 USDT",
                "Paid out: 200.00 USDT",
                "Owed to the platform after refunds: 3.00 USDT",
                "Sales today: 2 orders, profit 3.00 USDT",
                "Sales this week: 2 orders, profit 3.00 USDT"));
    assertThat(panel.buttonLabels()).containsExactly("💼 Wallet", "🏷 Pricing");

    telegram.userSendsText(bot.token(), customer, "/panel");
    telegram.userSendsText(bot.token(), customer, "/wallet");
    telegram.userSendsText(bot.token(), customer, "/pricing");
    await().atMost(WAIT).until(() -> telegram.messagesTo(bot.token(), customer.id()).size() >= 3);
    assertThat(telegram.messagesTo(bot.token(), customer.id()))
        .extracting(SentMessage::text)
        .containsExactly(UNKNOWN, UNKNOWN, UNKNOWN);
    // The owners' command menu is published beside the customers'.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(telegram.commandsSeenBy(bot.token(), owner))
                    .extracting(command -> command.command())
                    .contains("panel", "pricing", "wallet"));
    assertThat(telegram.commandsSeenBy(bot.token(), customer))
        .extracting(command -> command.command())
        .doesNotContain("panel", "pricing", "wallet");
  }

  @Test
  void theMarkupChangesWithinTheBoundsOnly() {
    TelegramUser owner = person(9301, "en");
    BotHandle bot = AgentBots.agent(telegram, supervisor, "pricer", List.of(owner.id()));

    telegram.userSendsText(bot.token(), owner, "/pricing");
    SentMessage pricing = awaitText(bot, owner, "Your markup: 0 %");
    assertThat(pricing.text())
        .contains("You may set up to 50 %, or a fixed amount of up to 10.00 USDT per item.");
    assertThat(pricing.buttonLabels())
        .containsExactly(
            "5 %", "10 %", "15 %", "20 %", "30 %", "Type a percent", "Type a fixed amount");

    telegram.userPressesButtonLabelled(bot.token(), owner, "Type a percent");
    awaitText(bot, owner, "Send the percent to add to the base prices, from 0 to 50 %");
    telegram.userSendsText(bot.token(), owner, "80");
    awaitText(bot, owner, "Not allowed: your markup must be between 0 % and 50 %.");
    assertThat(FakeCredentialService.agent("pricer").markup()).isEqualTo(Markup.NONE);
    telegram.userSendsText(bot.token(), owner, "12.5");
    awaitText(bot, owner, "✅ Your markup is now 12.5 %.");
    assertThat(FakeCredentialService.agent("pricer").markup())
        .isEqualTo(new Markup(MarkupKind.PERCENT, 1250));

    telegram.userSendsText(bot.token(), owner, "/pricing");
    awaitText(bot, owner, "Your markup: 12.5 %");
    telegram.userPressesButtonLabelled(bot.token(), owner, "Type a fixed amount");
    awaitText(bot, owner, "Send the amount in USDT to add to each item, from 0 to 10.00 USDT");
    telegram.userSendsText(bot.token(), owner, "0.75");
    awaitText(bot, owner, "✅ Your markup is now 0.75 USDT.");
    assertThat(FakeCredentialService.agent("pricer").markup())
        .isEqualTo(new Markup(MarkupKind.FIXED, 75));

    telegram.userSendsText(bot.token(), owner, "/pricing");
    awaitText(bot, owner, "Your markup: 0.75 USDT");
    telegram.userPressesButtonLabelled(bot.token(), owner, "20 %");
    awaitText(bot, owner, "✅ Your markup is now 20 %.");
    assertThat(FakeCredentialService.agent("pricer").markup())
        .isEqualTo(new Markup(MarkupKind.PERCENT, 2000));
  }

  @Test
  void aWithdrawalIsRequestedBetweenTheMinimumAndWhatIsAvailableOnce() {
    TelegramUser owner = person(9401, "en");
    BotHandle bot = AgentBots.agent(telegram, supervisor, "withdrawer", List.of(owner.id()));
    FakeAgentBackOffice.money(
        "withdrawer", new Money(0, 10_000, 0, 0, 0, 1000, "TWithdrawerAddress01"));

    telegram.userSendsText(bot.token(), owner, "/wallet");
    SentMessage wallet = awaitText(bot, owner, "💼 Available to withdraw: 100.00 USDT");
    assertThat(wallet.text())
        .contains("Minimum withdrawal: 10.00 USDT", "Payout address: TWithdrawerAddress01")
        .contains("No withdrawals yet.");
    telegram.userPressesButtonLabelled(bot.token(), owner, "💸 Request a withdrawal");
    awaitText(bot, owner, "How much do you want to withdraw? Send an amount in USDT from 10.00");

    telegram.userSendsText(bot.token(), owner, "5");
    awaitText(bot, owner, "The minimum withdrawal is 10.00 USDT.");
    telegram.userSendsText(bot.token(), owner, "250");
    awaitText(bot, owner, "You have 100.00 USDT available.");
    telegram.userSendsText(bot.token(), owner, "25.50");
    SentMessage confirm = awaitText(bot, owner, "Withdraw 25.50 USDT to this address?");
    assertThat(confirm.text()).endsWith("\nTWithdrawerAddress01");
    assertThat(FakeAgentBackOffice.withdrawalsOf("withdrawer")).isEmpty();

    String data = confirm.callbackData("✅ Confirm").orElseThrow();
    telegram.userPressesButton(bot.token(), owner, confirm.messageId(), data);
    awaitText(bot, owner, "✅ Withdrawal of 25.50 USDT to TWithdrawerAddress01 requested.");
    List<Withdrawal> requested = FakeAgentBackOffice.withdrawalsOf("withdrawer");
    assertThat(requested).hasSize(1);
    assertThat(requested.getFirst().amount()).isEqualTo(2550);

    telegram.userSendsText(bot.token(), owner, "/wallet");
    telegram.awaitMessage(
        bot.token(), owner.id(), m -> m.text().contains("25.50 USDT  waiting for approval"), WAIT);
  }

  private SentMessage awaitText(BotHandle bot, TelegramUser user, String start) {
    return telegram.awaitMessage(bot.token(), user.id(), m -> m.text().startsWith(start), WAIT);
  }

  private static Instant later() {
    return Instant.now().plus(Duration.ofDays(7));
  }

  private static Instant earlier() {
    return Instant.now().minus(Duration.ofMinutes(1));
  }
}
