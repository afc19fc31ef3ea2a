package io.flotilla.fleet.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.flotilla.platform.telegram.TelegramConfig;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bot's outbound queue against the Bot API emulator: priorities, fairness, blocked chats. */
class BotSenderTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static TelegramBotApiEmulator telegram;
  private static Vertx vertx;
  private static BotApiClient api;

  @BeforeAll
  static void start() {
    telegram = TelegramBotApiEmulator.start(0);
    vertx = Vertx.vertx();
    String url = telegram.baseUrl();
    api =
        new BotApiClient(
            vertx,
            new TelegramConfig() {
              @Override
              public String apiUrl() {
                return url;
              }

              @Override
              public Duration requestTimeout() {
                return Duration.ofSeconds(10);
              }
            });
  }

  @AfterAll
  static void stop() {
    vertx.closeAndAwait();
    telegram.close();
  }

  @Test
  void aReplyToAPersonOvertakesTheBotsQueuedNotifications() {
    BotHandle bot = telegram.registerBot("priority_sender_bot");
    List<TelegramUser> people = people(bot, 8100, 21);
    BotSender sender = new BotSender(api, bot.token(), new OutboundLimiter(10), 1, chat -> {});
    List<String> sentInOrder = new CopyOnWriteArrayList<>();

    List<Uni<Void>> all = new ArrayList<>();
    for (TelegramUser person : people.subList(0, 20)) {
      all.add(send(sender, Priority.NOTIFICATION, person, "notice", sentInOrder));
    }
    all.add(send(sender, Priority.REPLY, people.get(20), "reply", sentInOrder));
    Uni.join().all(all).andFailFast().await().atMost(WAIT);

    assertThat(sentInOrder).hasSize(21);
    assertThat(sentInOrder.indexOf("reply")).isLessThanOrEqualTo(1);
  }

  @Test
  void oneBotsBurstDoesNotHoldBackAnotherBotsReply() {
    BotHandle busy = telegram.registerBot("busy_sender_bot");
    BotHandle quiet = telegram.registerBot("quiet_sender_bot");
    List<TelegramUser> audience = people(busy, 8200, 60);
    TelegramUser asker = people(quiet, 8300, 1).getFirst();
    BotSender busySender = new BotSender(api, busy.token(), new OutboundLimiter(20), 4, c -> {});
    BotSender quietSender = new BotSender(api, quiet.token(), new OutboundLimiter(20), 4, c -> {});
    List<String> ignored = new CopyOnWriteArrayList<>();

    List<Uni<Void>> broadcast = new ArrayList<>();
    for (TelegramUser person : audience) {
      Uni<Void> news = send(busySender, Priority.BROADCAST, person, "news", ignored);
      news.subscribe().with(done -> {}, failure -> {});
      broadcast.add(news);
    }
    AtomicInteger stillQueued = new AtomicInteger(-1);
    send(quietSender, Priority.REPLY, asker, "reply", ignored)
        .invoke(() -> stillQueued.set(busySender.queued()))
        .await()
        .atMost(WAIT);
    Uni.join().all(broadcast).andFailFast().await().atMost(WAIT);

    // The other bot's 60 messages at 20/s take 3 s; the reply did not wait for them.
    assertThat(stillQueued.get()).isGreaterThan(30);
    assertThat(telegram.limitBreaches(busy.token())).isEmpty();
  }

  @Test
  void aChatThatBlockedTheBotIsReportedAndNotRetried() {
    BotHandle bot = telegram.registerBot("blocked_sender_bot");
    TelegramUser person = people(bot, 8400, 1).getFirst();
    telegram.userBlocksBot(bot.token(), person);
    AtomicLong reported = new AtomicLong();
    BotSender sender = new BotSender(api, bot.token(), new OutboundLimiter(10), 2, reported::set);

    Throwable failure =
        send(sender, Priority.NOTIFICATION, person, "notice", new ArrayList<>())
            .onItemOrFailure()
            .transform((item, error) -> error)
            .await()
            .atMost(WAIT);

    assertThat(failure).isInstanceOf(BotApiException.class);
    assertThat(((BotApiException) failure).errorCode()).isEqualTo(403);
    assertThat(reported.get()).isEqualTo(person.id());
    assertThat(telegram.requestCount(bot.token(), "sendMessage")).isEqualTo(1);
  }

  private static List<TelegramUser> people(BotHandle bot, long firstId, int count) {
    List<TelegramUser> people = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TelegramUser person = new TelegramUser(firstId + i, "P" + i, null, "en");
      telegram.userSendsText(bot.token(), person, "hi");
      people.add(person);
    }
    return people;
  }

  private static Uni<Void> send(
      BotSender sender, Priority priority, TelegramUser to, String label, List<String> order) {
    return sender
        .send(priority, to.id(), "sendMessage", Map.of("chat_id", to.id(), "text", label))
        .invoke(() -> order.add(label))
        .replaceWithVoid()
        .memoize()
        .indefinitely();
  }
}
