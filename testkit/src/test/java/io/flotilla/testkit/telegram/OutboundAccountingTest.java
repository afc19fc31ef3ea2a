package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.telegram.LimitBreach.Rule;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboundAccountingTest {
  private static final long MS = 1_000_000L;
  private static final Instant AT = Instant.parse("2026-05-01T12:00:00Z");
  private static final long PRIVATE_CHAT = 4001;
  private static final long GROUP = -1001234567890L;
  private static final TelegramUser BOB = new TelegramUser(9701, "Bob", "bob", "de");
  private static final TelegramUser ALICE = new TelegramUser(9702, "Alice", "alice", "en");
  private static TelegramBotApiEmulator emulator;
  private static BotApiClient client;

  @BeforeAll
  static void start() {
    emulator = TelegramBotApiEmulator.start(0);
    client = new BotApiClient(emulator.baseUrl());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void oneMessagePerSecondToAPrivateChatIsWithinTheLimit() {
    OutboundAccounting accounting = new OutboundAccounting();

    accounting.messageSent(PRIVATE_CHAT, 0, AT);
    accounting.messageSent(PRIVATE_CHAT, 1000 * MS, AT);
    accounting.messageSent(PRIVATE_CHAT, 2000 * MS, AT);

    assertThat(accounting.sent()).isEqualTo(3);
    assertThat(accounting.sentTo(PRIVATE_CHAT)).isEqualTo(3);
    assertThat(accounting.breaches()).isEmpty();
    assertThat(accounting.toleratedBursts()).isEmpty();
  }

  @Test
  void burstsOfThreeAreToleratedAndTheFourthInASecondIsABreach() {
    OutboundAccounting accounting = new OutboundAccounting();

    accounting.messageSent(PRIVATE_CHAT, 0, AT);
    accounting.messageSent(PRIVATE_CHAT, 300 * MS, AT);
    accounting.messageSent(PRIVATE_CHAT, 600 * MS, AT);
    accounting.messageSent(PRIVATE_CHAT, 999 * MS, AT);
    accounting.messageSent(PRIVATE_CHAT, 1999 * MS, AT);

    assertThat(accounting.toleratedBursts())
        .extracting(LimitBreach::messagesInWindow)
        .containsExactly(2, 3);
    assertThat(accounting.breaches())
        .containsExactly(new LimitBreach(Rule.PRIVATE_CHAT_PER_SECOND, PRIVATE_CHAT, 4, AT, false));
  }

  @Test
  void theTwentyFirstMessageInAMinuteToAGroupIsABreach() {
    OutboundAccounting accounting = new OutboundAccounting();
    for (int i = 0; i < 20; i++) {
      accounting.messageSent(GROUP, i * 3000 * MS, AT);
    }
    assertThat(accounting.breaches()).isEmpty();

    accounting.messageSent(GROUP, 59_000 * MS, AT);
    accounting.messageSent(GROUP, 120_000 * MS, AT);

    assertThat(accounting.breaches())
        .containsExactly(new LimitBreach(Rule.GROUP_CHAT_PER_MINUTE, GROUP, 21, AT, false));
    assertThat(accounting.toleratedBursts()).isEmpty();
  }

  @Test
  void theThirtyFirstMessageOfABotInASecondIsABreach() {
    OutboundAccounting accounting = new OutboundAccounting();

    for (int chat = 1; chat <= 31; chat++) {
      accounting.messageSent(chat, chat * 10 * MS, AT);
    }

    assertThat(accounting.breaches())
        .containsExactly(new LimitBreach(Rule.BOT_PER_SECOND, 31, 31, AT, false));
    assertThat(accounting.sent()).isEqualTo(31);
    assertThat(accounting.sentTo(31)).isEqualTo(1);
  }

  @Test
  void aLongFloodKeepsTheFirstBreachesAndCountsTheRest() {
    OutboundAccounting accounting = new OutboundAccounting();

    for (int i = 0; i < OutboundAccounting.MAX_RECORDED_BREACHES + 10; i++) {
      accounting.messageSent(PRIVATE_CHAT, i * 100 * MS, AT);
    }

    assertThat(accounting.breaches().size() + accounting.toleratedBursts().size())
        .isEqualTo(OutboundAccounting.MAX_RECORDED_BREACHES);
    assertThat(accounting.unrecorded()).isEqualTo(9);
  }

  @Test
  void theEmulatorCountsWhatBotsSendAndRecordsFloodsWithoutRefusingThem() {
    String token = emulator.registerBot("flooding_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    emulator.userSendsText(token, ALICE, "hi");
    long first = 0;
    for (int i = 1; i <= 5; i++) {
      long sent =
          client
              .form(token, "sendMessage", Map.of("chat_id", BOB.id(), "text", "flood " + i))
              .result()
              .get("message_id")
              .asLong();
      first = first == 0 ? sent : first;
    }
    client.form(token, "sendMessage", Map.of("chat_id", ALICE.id(), "text", "just one"));
    client.form(
        token,
        "editMessageText",
        Map.of("chat_id", BOB.id(), "message_id", first, "text", "edited"));

    assertThat(emulator.sentMessageCount(token)).isEqualTo(6);
    assertThat(emulator.sentMessageCount(token, BOB.id())).isEqualTo(5);
    assertThat(emulator.sentMessageCount(token, ALICE.id())).isEqualTo(1);
    assertThat(emulator.messagesTo(token, BOB.id())).hasSize(6);
    assertThat(emulator.limitBreaches(token))
        .isNotEmpty()
        .allSatisfy(
            breach -> {
              assertThat(breach.rule()).isEqualTo(Rule.PRIVATE_CHAT_PER_SECOND);
              assertThat(breach.chatId()).isEqualTo(BOB.id());
              assertThat(breach.messagesInWindow()).isGreaterThan(3);
            });
    assertThat(emulator.toleratedBursts(token)).isNotEmpty();
  }
}
