package io.flotilla.fleet.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.events.Topics;
import io.flotilla.contracts.money.Markup;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.fleet.support.ProbeModule;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
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

  private void publish(AgentCreated event) {
    EventEnvelope envelope = EventCodec.wrap(event, Instant.now());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      producer.send(
          new ProducerRecord<>(
              topicPrefix + Topics.TENANTS, envelope.aggregateId(), EventCodec.encode(envelope)));
      producer.flush();
    }
  }
}
