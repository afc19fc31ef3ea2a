package io.flotilla.fleet.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.flotilla.contracts.events.BotFailed;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.events.Topics;
import io.flotilla.fleet.bot.BotInfo;
import io.flotilla.fleet.outbound.BotSender;
import io.flotilla.fleet.outbound.OutboundLimiter;
import io.flotilla.fleet.support.FakeCredentialService;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.flotilla.testkit.telegram.TelegramUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** At-least-once delivery, from Telegram and from Kafka, takes effect once. */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "fleet"))
@QuarkusTestResource(TelegramEmulatorResource.class)
@QuarkusTestResource(FakeCredentialService.class)
class FleetDeliveryTest {

  private static final TelegramUser ALICE = new TelegramUser(5001, "Alice", "alice", "en");
  private static final ObjectMapper TELEGRAM_JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  @Inject Dispatcher dispatcher;
  @Inject BotApiClient api;
  @Inject Pool pool;
  @Inject MeterRegistry registry;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String kafkaBootstrap;

  @ConfigProperty(name = "flotilla.messaging.topic-prefix")
  String topicPrefix;

  @Test
  void anUpdateDeliveredTwiceIsAnsweredOnce() {
    TelegramBotApiEmulator telegram = TelegramEmulatorResource.emulator();
    BotHandle bot = telegram.registerBot("delivery_test_bot");
    telegram.userSendsText(bot.token(), ALICE, "/start");
    JsonNode update = TELEGRAM_JSON.valueToTree(telegram.updatesCreated(bot.token()).getFirst());
    Dispatcher.Target target =
        new Dispatcher.Target(
            new BotInfo(
                "delivery-tenant",
                TenantKind.AGENT,
                "Delivery Shop",
                bot.id(),
                bot.username(),
                Set.of()),
            new BotSender(api, bot.token(), new OutboundLimiter(30), 4, chat -> {}));

    dispatcher.dispatch(target, update).await().atMost(Duration.ofSeconds(20));
    dispatcher.dispatch(target, update).await().atMost(Duration.ofSeconds(20));

    assertThat(telegram.messagesTo(bot.token(), ALICE.id()))
        .singleElement()
        .satisfies(message -> assertThat(message.text()).startsWith("Welcome to Delivery Shop"));
  }

  @Test
  void anEventConsumedTwiceIsAppliedOnce() {
    EventEnvelope envelope =
        EventCodec.wrap(new BotFailed("dup-tenant", 42L, "test"), Instant.now());
    String json = EventCodec.encode(envelope);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      String topic = topicPrefix + Topics.TENANTS;
      producer.send(new ProducerRecord<>(topic, envelope.aggregateId(), json));
      producer.send(new ProducerRecord<>(topic, envelope.aggregateId(), json));
      producer.flush();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(duplicatesSkipped()).isEqualTo(1));
    assertThat(timesRecorded(envelope)).isEqualTo(1);
  }

  private long timesRecorded(EventEnvelope envelope) {
    return pool.preparedQuery("select count(*) from processed_event where event_id = $1")
        .execute(Tuple.of(envelope.eventId()))
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong(0);
  }

  private double duplicatesSkipped() {
    Counter skipped =
        registry
            .find("flotilla.consumer.duplicates")
            .tag("consumer", "fleet.tenant-events")
            .counter();
    return skipped == null ? 0 : skipped.count();
  }
}
