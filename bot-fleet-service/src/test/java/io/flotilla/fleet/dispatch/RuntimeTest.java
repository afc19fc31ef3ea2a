package io.flotilla.fleet.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.events.TopUpCredited;
import io.flotilla.contracts.events.Topics;
import io.flotilla.contracts.money.Markup;
import io.flotilla.fleet.i18n.Texts;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.runtime.Notifier;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.fleet.support.ProbeModule;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotApiTypes.BotCommand;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.CallbackAnswer;
import io.flotilla.testkit.telegram.SentMessage;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.flotilla.testkit.telegram.TelegramUser;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime as a person meets it: bots started from the credential service, updates answered per
 * chat in order and across chats at once, failures and floods contained, buttons checked.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
class RuntimeTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject BotSupervisor supervisor;
  @Inject ProbeModule probe;
  @Inject MeterRegistry registry;
  @Inject Notifier notifier;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafkaBootstrap;

  @ConfigProperty(name = "flotilla.messaging.topic-prefix")
  String topicPrefix;

  private TelegramBotApiEmulator telegram;

  @BeforeEach
  void emulator() {
    telegram = TelegramEmulatorResource.emulator();
  }

  @Test
  void oneChatIsAnsweredInOrderWhateverEachHandlerTakes() {
    BotHandle bot = runningBot("order");
    TelegramUser alice = person(7101, "en");

    IntStream.range(0, 50).forEach(i -> telegram.userSendsText(bot.token(), alice, "/slow " + i));

    // Telegram allows about one message a second to a chat, so the 50 answers take 50 s.
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> telegram.messagesTo(bot.token(), alice.id()).size() >= 50);
    assertThat(telegram.messagesTo(bot.token(), alice.id()))
        .extracting(SentMessage::text)
        .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "slow " + i).toList());
  }

  @Test
  void chatsOfOneBotAreServedAtTheSameTime() {
    BotHandle bot = runningBot("parallel");
    probe.resetCounts();
    List<TelegramUser> people =
        IntStream.range(0, 50).mapToObj(i -> person(7200 + i, "en")).toList();

    people.forEach(person -> telegram.userSendsText(bot.token(), person, "/hold " + person.id()));

    for (TelegramUser person : people) {
      telegram.awaitMessage(
          bot.token(), person.id(), m -> m.text().equals("held " + person.id()), WAIT);
    }
    // Serially, one handler at a time; concurrently, most of the 50 hold at once.
    assertThat(probe.mostAtOnce()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void aFailingHandlerGetsAnApologyAndTheChatGoesOn() {
    BotHandle bot = runningBot("boom");
    TelegramUser alice = person(7301, "en");
    TelegramUser li = person(7302, "zh-hans");
    double failuresBefore = failures();

    telegram.userSendsText(bot.token(), alice, "/boom");
    telegram.userSendsText(bot.token(), alice, "/slow after");
    telegram.userSendsText(bot.token(), li, "/boom");

    telegram.awaitMessage(bot.token(), alice.id(), m -> m.text().equals("slow after"), WAIT);
    assertThat(telegram.messagesTo(bot.token(), alice.id()).getFirst().text())
        .isEqualTo("Sorry, something went wrong on our side. Please try again in a moment.");
    telegram.awaitMessage(bot.token(), li.id(), m -> m.text().contains("出了点问题"), WAIT);
    assertThat(failures()).isEqualTo(failuresBefore + 2);
  }

  @Test
  void unknownCommandsAndTextGetAHint() {
    BotHandle bot = runningBot("unknown");
    TelegramUser alice = person(7401, "en");

    telegram.userSendsText(bot.token(), alice, "/catalogue");
    telegram.userSendsText(bot.token(), alice, "/slow@someone_elses_bot x");
    telegram.userSendsText(bot.token(), alice, "hello");
    telegram.userSendsText(bot.token(), alice, "/SLOW@" + bot.username() + " mine");

    telegram.awaitMessage(bot.token(), alice.id(), m -> m.text().equals("slow mine"), WAIT);
    assertThat(telegram.messagesTo(bot.token(), alice.id()))
        .extracting(SentMessage::text)
        .containsExactly(
            "Sorry, I don't know that command. Send /help to see what I can do.",
            "Use the buttons below a message, or send /help to see what I can do.",
            "slow mine");
  }

  @Test
  void aConversationStepWaitsForTheNextMessage() {
    BotHandle bot = runningBot("ask");
    TelegramUser alice = person(7501, "en");

    telegram.userSendsText(bot.token(), alice, "/ask");
    telegram.awaitMessage(
        bot.token(), alice.id(), m -> m.text().equals("What is your name?"), WAIT);
    telegram.userSendsText(bot.token(), alice, "Alice");
    telegram.awaitMessage(
        bot.token(), alice.id(), m -> m.text().equals("Nice to meet you, Alice (name)"), WAIT);
    telegram.userSendsText(bot.token(), alice, "Alice again");

    telegram.awaitMessage(
        bot.token(), alice.id(), m -> m.text().startsWith("Use the buttons"), WAIT);
  }

  @Test
  void aConversationSurvivesItsBotBeingStoppedAndStartedAgain() {
    BotHandle bot = runningBot("resume");
    TelegramUser alice = person(7551, "en");
    telegram.userSendsText(bot.token(), alice, "/ask");
    telegram.awaitMessage(
        bot.token(), alice.id(), m -> m.text().equals("What is your name?"), WAIT);

    // Suspended and activated again: a new poller, sender and context; only PostgreSQL remains.
    FakeCredentialService.put(bot("resume", bot, "suspended"));
    supervisor.nudge("resume");
    await().atMost(WAIT).until(() -> !supervisor.isRunning("resume"));
    FakeCredentialService.put(bot("resume", bot, "active"));
    supervisor.nudge("resume");
    await().atMost(WAIT).until(() -> supervisor.isRunning("resume"));

    telegram.userSendsText(bot.token(), alice, "Alice");
    telegram.awaitMessage(
        bot.token(), alice.id(), m -> m.text().equals("Nice to meet you, Alice (name)"), WAIT);
  }

  @Test
  void aFloodingPersonIsToldOnceAndDoesNotSlowOthers() {
    BotHandle bot = runningBot("flood");
    TelegramUser flooder = person(7601, "en");
    TelegramUser bob = person(7602, "en");

    IntStream.range(0, 100)
        .forEach(i -> telegram.userSendsText(bot.token(), flooder, "/slow " + i));
    telegram.userSendsText(bot.token(), bob, "/slow bob");

    telegram.awaitMessage(bot.token(), bob.id(), m -> m.text().equals("slow bob"), WAIT);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(telegram.messagesTo(bot.token(), flooder.id()))
                    .filteredOn(m -> m.text().startsWith("You are sending messages too fast"))
                    .hasSize(1));
    assertThat(telegram.messagesTo(bot.token(), flooder.id()).size()).isLessThan(100);
  }

  @Test
  void aButtonOnlyItsOwnerMayUse() {
    BotHandle bot = runningBot("owned");
    TelegramUser alice = person(7701, "en");

    telegram.userSendsText(bot.token(), alice, "/mine");
    SentMessage menu =
        telegram.awaitMessage(bot.token(), alice.id(), m -> m.text().equals("Your thing"), WAIT);
    String own =
        telegram.userPressesButton(bot.token(), alice, menu.messageId(), "probe:7701:7").id();

    assertThat(telegram.awaitCallbackAnswer(bot.token(), own, WAIT).text()).isEqualTo("Used 7");
  }

  @Test
  void forgedMalformedAndOtherPeoplesButtonsAreRefusedWithoutEffect() {
    BotHandle bot = runningBot("forged");
    TelegramUser alice = person(7751, "en");
    telegram.userSendsText(bot.token(), alice, "/mine");
    SentMessage menu =
        telegram.awaitMessage(bot.token(), alice.id(), m -> m.text().equals("Your thing"), WAIT);

    List<String> forgeries =
        List.of("probe:7752:7", "probe:abc:7", "probe:7751", "nosuch:1", "setlang:FR", "");
    for (String data : forgeries) {
      String id = telegram.userSendsForgedCallback(bot.token(), alice, menu.messageId(), data).id();
      CallbackAnswer answer = telegram.awaitCallbackAnswer(bot.token(), id, WAIT);
      assertThat(answer.text())
          .as(data)
          .isEqualTo("This menu has expired. Send /start to get a fresh one.");
      assertThat(answer.showAlert()).isTrue();
    }
    assertThat(telegram.messagesTo(bot.token(), alice.id())).hasSize(1);
  }

  @Test
  void everyoneSeesTheCommandMenuInTheirLanguageAndARestartPublishesNothingAgain() {
    BotHandle bot = runningBot("menus");
    TelegramUser alice = person(7761, "en");
    TelegramUser li = person(7762, "zh-hans");
    telegram.userSendsText(bot.token(), alice, "/start");
    telegram.userSendsText(bot.token(), li, "/start");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(telegram.commandsSeenBy(bot.token(), li))
                    .extracting(BotCommand::command, BotCommand::description)
                    .containsExactly(
                        tuple("start", "主菜单"),
                        tuple("catalog", "浏览商品目录"),
                        tuple("balance", "查看余额和最近收支"),
                        tuple("topup", "为余额充值"),
                        tuple("orders", "我的订单和卡密"),
                        tuple("language", "切换语言"),
                        tuple("help", "使用帮助")));
    assertThat(telegram.commandsSeenBy(bot.token(), alice))
        .extracting(BotCommand::command)
        .containsExactly("start", "catalog", "balance", "topup", "orders", "language", "help");
    int published = telegram.requestCount(bot.token(), "setMyCommands");

    FakeCredentialService.put(bot("menus", bot, "suspended"));
    supervisor.nudge("menus");
    await().atMost(WAIT).until(() -> !supervisor.isRunning("menus"));
    FakeCredentialService.put(bot("menus", bot, "active"));
    supervisor.nudge("menus");
    await().atMost(WAIT).until(() -> supervisor.isRunning("menus"));
    telegram.userSendsText(bot.token(), alice, "/slow back");
    telegram.awaitMessage(bot.token(), alice.id(), m -> m.text().equals("slow back"), WAIT);

    assertThat(telegram.requestCount(bot.token(), "setMyCommands")).isEqualTo(published);
  }

  @Test
  void aPersonWhoBlockedTheBotGetsNoNotificationsUntilTheyWriteAgain() {
    BotHandle bot = runningBot("blocked");
    TelegramUser li = person(7771, "zh-hans");
    telegram.userSendsText(bot.token(), li, "/start");
    telegram.awaitMessage(bot.token(), li.id(), m -> m.text().startsWith("欢迎"), WAIT);

    telegram.userBlocksBot(bot.token(), li);
    await().atMost(WAIT).until(() -> notify("blocked", li) == Notifier.Delivery.BLOCKED);

    telegram.userSendsText(bot.token(), li, "/slow again");
    telegram.awaitMessage(bot.token(), li.id(), m -> m.text().equals("slow again"), WAIT);
    assertThat(notify("blocked", li)).isEqualTo(Notifier.Delivery.SENT);
    // Notifications speak the language the person's app reported when they first wrote.
    telegram.awaitMessage(
        bot.token(), li.id(), m -> m.text().equals("\u2705 您的充值 12.50 USDT 已到账。"), WAIT);
  }

  @Test
  void aCreditedTopUpIsToldOnceInTheShopsBot() {
    BotHandle bot = runningBot("credited");
    TelegramUser alice = person(7781, "en");
    telegram.userSendsText(bot.token(), alice, "/start");
    telegram.awaitMessage(bot.token(), alice.id(), m -> m.text().startsWith("Welcome"), WAIT);
    EventEnvelope envelope =
        EventCodec.wrap(
            new TopUpCredited(
                "credited", "tu-1", alice.id(), 1250, "USDT", "tx-1", Instant.now(), "central"),
            Instant.now());

    publish(Topics.LEDGER, envelope);
    publish(Topics.LEDGER, envelope);

    telegram.awaitMessage(
        bot.token(),
        alice.id(),
        m -> m.text().equals("\u2705 Your top-up of 12.50 USDT was credited to your wallet."),
        WAIT);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                telegram.messagesTo(bot.token(), alice.id()).stream()
                        .filter(m -> m.text().contains("12.50 USDT"))
                        .count()
                    == 1);
  }

  @Test
  void aBotStartsOnceTheCredentialServiceRecoversWithoutARestart() {
    BotHandle handle = telegram.registerBot("recovering_test_bot");
    FakeCredentialService.failing(true);
    try {
      FakeCredentialService.put(bot("recovering", handle));
      publish(
          new AgentCreated(
              "recovering", "Recovering", handle.id(), handle.username(), Markup.NONE, 0));
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !supervisor.isRunning("recovering"));
    } finally {
      FakeCredentialService.failing(false);
    }
    await().atMost(WAIT).until(() -> supervisor.isRunning("recovering"));
    TelegramUser alice = person(7801, "en");
    telegram.userSendsText(handle.token(), alice, "/start");
    telegram.awaitMessage(
        handle.token(), alice.id(), m -> m.text().startsWith("Welcome to Recovering"), WAIT);
  }

  private BotHandle runningBot(String tenant) {
    BotHandle handle = telegram.registerBot(tenant + "_runtime_bot");
    FakeCredentialService.put(bot(tenant, handle));
    await().atMost(WAIT).until(() -> supervisor.isRunning(tenant));
    return handle;
  }

  private static FakeCredentialService.Bot bot(String tenant, BotHandle handle) {
    return bot(tenant, handle, "active");
  }

  private static FakeCredentialService.Bot bot(String tenant, BotHandle handle, String status) {
    return new FakeCredentialService.Bot(
        tenant,
        TenantKind.AGENT,
        Character.toUpperCase(tenant.charAt(0)) + tenant.substring(1),
        handle.id(),
        handle.username(),
        handle.token(),
        status,
        1000,
        64,
        List.of());
  }

  private static TelegramUser person(long id, String language) {
    return new TelegramUser(id, "Person" + id, "person" + id, language);
  }

  private double failures() {
    return registry.find("flotilla.fleet.handler.failures").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private Notifier.Delivery notify(String tenant, TelegramUser person) {
    return notifier
        .notify(
            tenant, person.id(), l -> Texts.text(l, "notify.top_up_credited", "12.50 USDT"), null)
        .await()
        .atMost(WAIT);
  }

  private void publish(AgentCreated event) {
    publish(Topics.TENANTS, EventCodec.wrap(event, Instant.now()));
  }

  private void publish(String topic, EventEnvelope envelope) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      producer.send(
          new ProducerRecord<>(
              topicPrefix + topic, envelope.aggregateId(), EventCodec.encode(envelope)));
      producer.flush();
    }
  }
}
