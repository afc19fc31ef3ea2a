package io.flotilla.fleet.feature.admin;

import static io.flotilla.fleet.support.AgentBots.WAIT;
import static io.flotilla.fleet.support.AgentBots.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.contracts.events.Topics;
import io.flotilla.contracts.events.WithdrawalRequested;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.support.AgentBots;
import io.flotilla.fleet.support.FakeAgentBackOffice;
import io.flotilla.fleet.support.FakeAgentBackOffice.Withdrawal;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.CallbackAnswer;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.flotilla.testkit.telegram.TelegramUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform admins in the master bot, as they would use it: agents created (the token message
 * gone), paused and resumed; withdrawal requests announced with buttons, approved once however many
 * admins press, paid with a txid used once; top-ups confirmed by reference; stock imported from a
 * document with duplicates. Everyone else meets a shop that does not know these commands.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
@QuarkusTestResource(value = FakeAgentBackOffice.class, restrictToAnnotatedClass = true)
class AdminBotTest {

  private static final TelegramUser ADMIN = person(8101, "en");
  private static final TelegramUser OTHER_ADMIN = person(8102, "zh-hans");
  private static final TelegramUser CUSTOMER = person(8103, "en");
  private static final String UNKNOWN =
      "Sorry, I don't know that command. Send /help to see what I can do.";

  @Inject BotSupervisor supervisor;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafkaBootstrap;

  @ConfigProperty(name = "flotilla.messaging.topic-prefix")
  String topicPrefix;

  private TelegramBotApiEmulator telegram;
  private BotHandle master;

  @BeforeEach
  void masterBot() {
    telegram = TelegramEmulatorResource.emulator();
    FakeCredentialService.admins(Set.of(ADMIN.id(), OTHER_ADMIN.id()));
    master = AgentBots.master(telegram, supervisor);
    // A bot may write only to people who started it, as on Telegram.
    for (TelegramUser admin : List.of(ADMIN, OTHER_ADMIN)) {
      if (telegram.messagesTo(master.token(), admin.id()).isEmpty()) {
        telegram.userSendsText(master.token(), admin, "/start");
        telegram.awaitMessage(master.token(), admin.id(), m -> true, WAIT);
      }
    }
  }

  @Test
  void anAdminCreatesAnAgentAndTheTokenLeavesTheChat() {
    BotHandle agentBot = telegram.registerBot("acme_new_agent_bot");
    int deletionsBefore = telegram.requestCount(master.token(), "deleteMessage");

    telegram.userSendsText(
        master.token(), ADMIN, "/agent_create acme " + agentBot.token() + " Acme Keys");

    SentMessage created = awaitText(master, ADMIN, "✅ Agent acme");
    assertThat(created.text())
        .isEqualTo(
            "✅ Agent acme (Acme Keys) created with the bot @acme_new_agent_bot; it is active and"
                + " starting.\nThe message with the token was deleted.");
    assertThat(telegram.requestCount(master.token(), "deleteMessage"))
        .isEqualTo(deletionsBefore + 1);
    assertThat(telegram.messagesTo(master.token(), ADMIN.id()))
        .noneMatch(m -> m.text().contains(agentBot.token()));
    assertThat(FakeCredentialService.adminActions()).contains("agent.create acme by tg:8101");

    // Its shop bot starts and answers.
    await().atMost(WAIT).until(() -> supervisor.isRunning("acme"));
    telegram.userSendsText(agentBot.token(), CUSTOMER, "/start");
    telegram.awaitMessage(
        agentBot.token(), CUSTOMER.id(), m -> m.text().startsWith("Welcome to Acme Keys"), WAIT);

    // The same id again is refused with the reason, nothing changed.
    telegram.userSendsText(
        master.token(), ADMIN, "/agent_create acme " + agentBot.token() + " Acme Again");
    awaitText(master, ADMIN, "Not done, nothing was changed: Agent acme exists already");
    assertThat(FakeCredentialService.agent("acme").name()).isEqualTo("Acme Keys");
  }

  @Test
  void anAdminHandsOutAClaimLinkThatMakesItsFirstUserAnOwner() {
    BotHandle agentBot = AgentBots.agent(telegram, supervisor, "claimable", List.of());
    TelegramUser owner = person(8105, "en");

    telegram.userSendsText(master.token(), ADMIN, "/agent_claim claimable");
    SentMessage link = awaitText(master, ADMIN, "🔗 A one-time link for an owner of claimable");
    String url =
        link.text()
            .lines()
            .filter(line -> line.startsWith("https://t.me/"))
            .findFirst()
            .orElseThrow();
    assertThat(url).startsWith("https://t.me/" + agentBot.username() + "?start=claim_");

    telegram.userSendsText(
        agentBot.token(), owner, "/start " + url.substring(url.indexOf("=") + 1));
    telegram.awaitMessage(
        agentBot.token(), owner.id(), m -> m.text().startsWith("✅ You now run Claimable"), WAIT);
    assertThat(FakeCredentialService.agent("claimable").ownerTelegramIds()).containsExactly(8105L);
    assertThat(FakeCredentialService.adminActions())
        .contains("agent.claim.create claimable by tg:8101");

    telegram.userSendsText(master.token(), ADMIN, "/agent_claim nobody");
    awaitText(master, ADMIN, "Not done, nothing was changed: there is no such agent");
  }

  @Test
  void forAnyoneElseTheAdminCommandsDoNotExist() {
    BotHandle agentBot = telegram.registerBot("sneaky_agent_bot");
    BotHandle agentShop = AgentBots.agent(telegram, supervisor, "shopwithowner", List.of(8104L));

    telegram.userSendsText(
        master.token(), CUSTOMER, "/agent_create sneaky " + agentBot.token() + " Sneaky");
    telegram.userSendsText(master.token(), CUSTOMER, "/withdraw_list");
    // An admin in an agent's bot is a customer there.
    telegram.userSendsText(agentShop.token(), ADMIN, "/agent_list");

    await()
        .atMost(WAIT)
        .until(() -> telegram.messagesTo(master.token(), CUSTOMER.id()).size() >= 2);
    assertThat(telegram.messagesTo(master.token(), CUSTOMER.id()))
        .extracting(SentMessage::text)
        .containsExactly(UNKNOWN, UNKNOWN);
    telegram.awaitMessage(agentShop.token(), ADMIN.id(), m -> m.text().equals(UNKNOWN), WAIT);
    assertThat(FakeCredentialService.agent("sneaky")).isNull();

    // An admin's Approve button, copied by a modified client: refused, nothing changed.
    Withdrawal requested = withdrawal("forged", 3000);
    announce(requested);
    String approve = announcementTo(ADMIN, requested).callbackData("✅ Approve · 批准").orElseThrow();
    long ownMessage = telegram.messagesTo(master.token(), CUSTOMER.id()).getFirst().messageId();
    CallbackAnswer refused =
        telegram.awaitCallbackAnswer(
            master.token(),
            telegram.userSendsForgedCallback(master.token(), CUSTOMER, ownMessage, approve).id(),
            WAIT);
    assertThat(refused.text()).isEqualTo("This menu has expired. Send /start to get a fresh one.");
    assertThat(FakeAgentBackOffice.withdrawal(requested.withdrawalId()).status())
        .isEqualTo("requested");
    assertThat(FakeAgentBackOffice.steps())
        .noneMatch(step -> step.contains(requested.withdrawalId().toString()));
  }

  @Test
  void pauseAndResumeNameOneAgentAndItsBotFollows() {
    AgentBots.agent(telegram, supervisor, "pausable", List.of());

    telegram.userSendsText(master.token(), ADMIN, "/agent_pause pausable late payments");
    awaitText(master, ADMIN, "⏸ Agent pausable is paused (late payments)");
    assertThat(FakeCredentialService.agent("pausable").status()).isEqualTo("paused");
    await().atMost(WAIT).until(() -> !supervisor.isRunning("pausable"));

    telegram.userSendsText(master.token(), ADMIN, "/agent_resume pausable");
    awaitText(master, ADMIN, "▶ Agent pausable is active again");
    await().atMost(WAIT).until(() -> supervisor.isRunning("pausable"));

    telegram.userSendsText(master.token(), ADMIN, "/agent_pause nosuchagent");
    awaitText(master, ADMIN, "Not done, nothing was changed: there is no such agent");
    assertThat(FakeCredentialService.adminActions())
        .contains("agent.pause pausable by tg:8101", "agent.resume pausable by tg:8101")
        .noneMatch(action -> action.contains("nosuchagent"));
  }

  @Test
  void aWithdrawalIsAnnouncedApprovedOnceAndPaidWithATxidUsedOnce() {
    Withdrawal requested = withdrawal("payee", 2550);
    Withdrawal other = withdrawal("payee", 1000);
    announce(requested);

    // Both admins are told, each in their language, with the buttons.
    SentMessage announced =
        telegram.awaitMessage(
            master.token(),
            ADMIN.id(),
            m -> m.text().contains(requested.withdrawalId().toString()),
            WAIT);
    assertThat(announced.text())
        .startsWith(
            "🔔 New withdrawal request: agent payee asks for 25.50 USDT to TPayoutAddress0001");
    assertThat(announced.buttonLabels()).containsExactly("✅ Approve · 批准", "✖ Reject · 拒绝");
    telegram.awaitMessage(
        master.token(), OTHER_ADMIN.id(), m -> m.text().startsWith("🔔 新的提现申请：代理 payee"), WAIT);

    telegram.userPressesButton(
        master.token(),
        ADMIN,
        announced.messageId(),
        announced.callbackData("✅ Approve · 批准").orElseThrow());
    awaitText(master, ADMIN, "✅ Approved: payee: 25.50 USDT to TPayoutAddress0001");
    assertThat(FakeAgentBackOffice.withdrawal(requested.withdrawalId()).status())
        .isEqualTo("approved");

    telegram.userSendsText(
        master.token(), ADMIN, "/withdraw_pay " + requested.withdrawalId() + " tx-0001");
    awaitText(master, ADMIN, "💸 Paid: payee: 25.50 USDT");
    assertThat(FakeAgentBackOffice.withdrawal(requested.withdrawalId()).txid())
        .isEqualTo("tx-0001");

    // The same txid for another withdrawal, and a typo in an id: refused, nothing changed.
    telegram.userSendsText(master.token(), ADMIN, "/withdraw_approve " + other.withdrawalId());
    awaitText(master, ADMIN, "✅ Approved: payee: 10.00 USDT");
    telegram.userSendsText(
        master.token(), ADMIN, "/withdraw_pay " + other.withdrawalId() + " TX-0001");
    awaitText(master, ADMIN, "The transaction TX-0001 was already used for another withdrawal.");
    telegram.userSendsText(master.token(), ADMIN, "/withdraw_pay not-an-id tx-0002");
    awaitText(master, ADMIN, "Usage: /withdraw_pay <withdrawal id> <txid>");
    assertThat(FakeAgentBackOffice.withdrawal(other.withdrawalId()).status()).isEqualTo("approved");
    assertThat(FakeAgentBackOffice.steps())
        .contains(
            "approve " + requested.withdrawalId() + " by tg:8101",
            "pay " + requested.withdrawalId() + " by tg:8101");
  }

  @Test
  void twoAdminsPressingApproveAtOnceMakeOneApproval() {
    Withdrawal requested = withdrawal("racer", 5000);
    announce(requested);
    SentMessage first = announcementTo(ADMIN, requested);
    SentMessage second = announcementTo(OTHER_ADMIN, requested);

    CallbackQuery one =
        telegram.userPressesButton(
            master.token(),
            ADMIN,
            first.messageId(),
            first.callbackData("✅ Approve · 批准").orElseThrow());
    CallbackQuery two =
        telegram.userPressesButton(
            master.token(),
            OTHER_ADMIN,
            second.messageId(),
            second.callbackData("✅ Approve · 批准").orElseThrow());

    List<String> answers =
        List.of(
            telegram.awaitCallbackAnswer(master.token(), one.id(), WAIT).text(),
            telegram.awaitCallbackAnswer(master.token(), two.id(), WAIT).text());
    assertThat(answers)
        .containsExactlyInAnyOrder(
            answers.contains("Approved") ? "Approved" : "已批准",
            answers.contains("Approved")
                ? "未做任何更改：此提现已是已批准，待支付状态。"
                : "Nothing was changed: this withdrawal is approved, to be paid already.");
    assertThat(FakeAgentBackOffice.steps())
        .filteredOn(step -> step.startsWith("approve " + requested.withdrawalId()))
        .hasSize(1);
  }

  @Test
  void agentsAreListedPageByPageAndPricedWithinTheirBounds() {
    IntStream.range(0, 11)
        .forEach(
            i ->
                FakeCredentialService.putAgent(
                    new FakeCredentialService.Agent(
                        "list%02d".formatted(i),
                        "Lister " + i,
                        "active",
                        null,
                        Markup.NONE,
                        5000,
                        1000,
                        List.of())));

    telegram.userSendsText(master.token(), ADMIN, "/agent_list");
    SentMessage first = awaitText(master, ADMIN, "Agents, page 1 of");
    assertThat(first.text()).contains("list00 — Lister 0 — active — markup 0 % — —");
    assertThat(first.buttonLabels()).containsExactly("Next ▶");
    telegram.userPressesButton(
        master.token(), ADMIN, first.messageId(), first.callbackData("Next ▶").orElseThrow());
    telegram.awaitMessage(
        master.token(),
        ADMIN.id(),
        m -> m.messageId() == first.messageId() && m.text().startsWith("Agents, page 2 of"),
        WAIT);

    telegram.userSendsText(master.token(), ADMIN, "/agent_pricing list03 percent 12.5");
    awaitText(master, ADMIN, "✅ Agent list03's markup is now 12.5 %.");
    telegram.userSendsText(master.token(), ADMIN, "/agent_pricing list03 fixed 0.25");
    awaitText(master, ADMIN, "✅ Agent list03's markup is now 0.25 USDT.");
    telegram.userSendsText(master.token(), ADMIN, "/agent_pricing list03 percent 80");
    awaitText(master, ADMIN, "Not done, nothing was changed: markup: at most 5000");
    telegram.userSendsText(master.token(), ADMIN, "/agent_pricing list03 lots 3");
    awaitText(master, ADMIN, "Usage: /agent_pricing <agent id> percent|fixed <value>");
    assertThat(FakeCredentialService.agent("list03").markup())
        .isEqualTo(new Markup(MarkupKind.FIXED, 25));
    assertThat(FakeCredentialService.adminActions())
        .filteredOn(action -> action.equals("agent.pricing list03 by tg:8101"))
        .hasSize(2);
  }

  @Test
  void aListedWithdrawalIsRejectedWithTheReasonTyped() {
    Withdrawal requested = withdrawal("rejectee", 4200);

    telegram.userSendsText(master.token(), ADMIN, "/withdraw_list");
    SentMessage listed =
        telegram.awaitMessage(
            master.token(),
            ADMIN.id(),
            m -> m.text().contains(requested.withdrawalId().toString()) && m.text().contains(". "),
            WAIT);
    assertThat(listed.text())
        .containsPattern("^\\d+ withdrawals? waiting for approval, newest first:");
    Matcher entry =
        Pattern.compile(
                "(\\d+)\\. rejectee: 42.00 USDT to TPayoutAddress0001 — waiting for approval\nid "
                    + requested.withdrawalId())
            .matcher(listed.text());
    assertThat(entry.find()).isTrue();
    String number = entry.group(1);
    assertThat(listed.buttonLabels()).contains("✅ Approve " + number, "✖ Reject " + number);

    telegram.userPressesButton(
        master.token(),
        ADMIN,
        listed.messageId(),
        listed.callbackData("✖ Reject " + number).orElseThrow());
    awaitText(master, ADMIN, "Why is it rejected? Send the reason; the agent will read it.");
    telegram.userSendsText(master.token(), ADMIN, "wrong network for this address");
    awaitText(master, ADMIN, "✖ Rejected: rejectee: 42.00 USDT");
    assertThat(FakeAgentBackOffice.withdrawal(requested.withdrawalId()))
        .extracting(Withdrawal::status, Withdrawal::rejectReason)
        .containsExactly("rejected", "wrong network for this address");

    telegram.userSendsText(master.token(), ADMIN, "/withdraw_list sideways");
    awaitText(master, ADMIN, "Usage: /withdraw_list [requested|approved|rejected|paid]");
  }

  @Test
  void aTopUpIsConfirmedByItsReference() {
    UUID topUpId = UUID.randomUUID();
    FakeAgentBackOffice.topUp(
        new FakeAgentBackOffice.TopUp(topUpId, "K7QX2M9A", "master", 8103, 12_000));

    telegram.userSendsText(master.token(), ADMIN, "/topup_confirm NOPE1234");
    awaitText(master, ADMIN, "There is no pending top-up with the reference NOPE1234.");
    telegram.userSendsText(master.token(), ADMIN, "/topup_confirm k7qx2m9a");
    awaitText(
        master,
        ADMIN,
        "✅ Top-up K7QX2M9A confirmed: 120.00 USDT credited to customer 8103 of master.");
    assertThat(FakeAgentBackOffice.credited(topUpId)).isTrue();
    assertThat(FakeAgentBackOffice.steps()).contains("confirm " + topUpId + " by tg:8101");
  }

  @Test
  void aStockDocumentWithDuplicatesIsImportedWithoutThemAndTheyAreReported() {
    UUID productId = UUID.randomUUID();
    FakeAgentBackOffice.product(productId, "Steam 10 USD", List.of("CODE-0003"));
    // 10 lines: CODE-0003 is in stock already (line 3), line 7 repeats line 2, line 9 is blank.
    String file =
        "CODE-0001\nCODE-0002\nCODE-0003\nCODE-0004\nCODE-0005\nCODE-0006\nCODE-0002\nCODE-0008\n\nCODE-0010\n";

    telegram.userSendsText(master.token(), ADMIN, "/stock_import " + productId);
    awaitText(master, ADMIN, "Send the .txt or .csv file with the items for Steam 10 USD");
    telegram.userSendsText(master.token(), ADMIN, "here you go");
    awaitText(master, ADMIN, "Please send a .txt or .csv file");
    telegram.userSendsDocument(
        master.token(), ADMIN, "codes.txt", file.getBytes(StandardCharsets.UTF_8), null);

    SentMessage report = awaitText(master, ADMIN, "✅ Steam 10 USD: 7 items imported.");
    assertThat(report.text())
        .isEqualTo(
            "✅ Steam 10 USD: 7 items imported.\nAvailable now: 8\n"
                + "Duplicate lines left out: 2 (lines 3, 7)");
    assertThat(telegram.messagesTo(master.token(), ADMIN.id()))
        .filteredOn(m -> m.messageId() == report.messageId())
        .extracting(SentMessage::text)
        .anyMatch(text -> text.startsWith("⏳ Steam 10 USD: importing"));
    assertThat(FakeAgentBackOffice.stock(productId))
        .containsExactlyInAnyOrder(
            "CODE-0003",
            "CODE-0001",
            "CODE-0002",
            "CODE-0004",
            "CODE-0005",
            "CODE-0006",
            "CODE-0008",
            "CODE-0010");
  }

  @Test
  void aLargeDocumentIsImportedInOneUpload() {
    UUID productId = UUID.randomUUID();
    FakeAgentBackOffice.product(productId, "Bulk", List.of());
    String file =
        IntStream.range(0, 100_000)
            .mapToObj(i -> "BULK-" + (i % 99_990))
            .collect(Collectors.joining("\n", "", "\n"));
    int uploadsBefore = FakeAgentBackOffice.importUploads();

    telegram.userSendsText(master.token(), ADMIN, "/stock_import " + productId);
    awaitText(master, ADMIN, "Send the .txt or .csv file");
    telegram.userSendsDocument(
        master.token(), ADMIN, "bulk.txt", file.getBytes(StandardCharsets.UTF_8), null);

    SentMessage report = awaitText(master, ADMIN, "✅ Bulk: 99,990 items imported.");
    assertThat(report.text()).contains("Duplicate lines left out: 10 (lines 99991, 99992");
    assertThat(FakeAgentBackOffice.importUploads()).isEqualTo(uploadsBefore + 1);
    assertThat(FakeAgentBackOffice.stock(productId)).hasSize(99_990);
  }

  private SentMessage awaitText(BotHandle bot, TelegramUser user, String start) {
    return telegram.awaitMessage(bot.token(), user.id(), m -> m.text().startsWith(start), WAIT);
  }

  private SentMessage announcementTo(TelegramUser admin, Withdrawal withdrawal) {
    return telegram.awaitMessage(
        master.token(),
        admin.id(),
        m -> m.text().contains(withdrawal.withdrawalId().toString()) && !m.buttons().isEmpty(),
        WAIT);
  }

  private static Withdrawal withdrawal(String agentId, long amount) {
    Withdrawal withdrawal =
        new Withdrawal(
            UUID.randomUUID(),
            agentId,
            amount,
            "TPayoutAddress0001",
            "requested",
            null,
            null,
            null,
            Instant.now());
    FakeAgentBackOffice.withdrawal(withdrawal);
    return withdrawal;
  }

  private void announce(Withdrawal withdrawal) {
    AgentBots.publish(
        kafkaBootstrap,
        topicPrefix,
        Topics.LEDGER,
        new WithdrawalRequested(
            withdrawal.agentId(),
            withdrawal.withdrawalId().toString(),
            withdrawal.amount(),
            FakeAgentBackOffice.CURRENCY,
            withdrawal.payoutAddress()));
  }
}
