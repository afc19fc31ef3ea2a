package io.flotilla.fleet.support;

import static org.awaitility.Awaitility.await;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.Markup;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.flotilla.testkit.telegram.TelegramUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bots for the agent and admin tests, started through the fake credential service: the master bot
 * (once per test run) and agents' bots with their owners; and events published as the services
 * publish them.
 */
public final class AgentBots {

  public static final Duration WAIT = Duration.ofSeconds(30);
  public static final String MASTER = "master";

  private static BotHandle master;

  private AgentBots() {}

  /** The master shop's bot, registered once and kept running across tests. */
  public static synchronized BotHandle master(
      TelegramBotApiEmulator telegram, BotSupervisor supervisor) {
    if (master == null) {
      master = telegram.registerBot("flotilla_master_bot");
      FakeCredentialService.put(
          new FakeCredentialService.Bot(
              MASTER,
              TenantKind.MASTER,
              "Flotilla",
              master.id(),
              master.username(),
              master.token(),
              "active",
              1000,
              64,
              List.of()));
    }
    await().atMost(WAIT).until(() -> supervisor.isRunning(MASTER));
    return master;
  }

  /**
   * An agent (markup bounds 50 % and 10.00 USDT) whose bot serves, run by these owners; waits until
   * it serves them.
   */
  public static BotHandle agent(
      TelegramBotApiEmulator telegram,
      BotSupervisor supervisor,
      String agentId,
      List<Long> owners) {
    BotHandle handle = telegram.registerBot(agentId + "_agent_bot");
    // The owners have opened the chat before (its /start is answered once the bot serves), so the
    // bot can publish their command menu when it starts.
    owners.forEach(owner -> telegram.userSendsText(handle.token(), person(owner, "en"), "/start"));
    String name = Character.toUpperCase(agentId.charAt(0)) + agentId.substring(1);
    FakeCredentialService.putAgent(
        new FakeCredentialService.Agent(
            agentId, name, "active", null, Markup.NONE, 5000, 1000, owners));
    FakeCredentialService.put(
        new FakeCredentialService.Bot(
            agentId,
            TenantKind.AGENT,
            name,
            handle.id(),
            handle.username(),
            handle.token(),
            "active",
            1000,
            64,
            owners));
    await()
        .atMost(WAIT)
        .until(
            () ->
                supervisor
                    .target(agentId)
                    .map(bot -> bot.info().ownerTelegramIds().containsAll(owners))
                    .orElse(false));
    return handle;
  }

  public static TelegramUser person(long id, String language) {
    return new TelegramUser(id, "Person" + id, "person" + id, language);
  }

  /** Publishes an event on its topic as the outbox relay of its service does. */
  public static void publish(
      String kafkaBootstrap, String topicPrefix, String topic, DomainEvent event) {
    EventEnvelope envelope = EventCodec.wrap(event, Instant.now());
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
