package io.flotilla.inventory.support;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.AgentPricingChanged;
import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.Topics;
import io.flotilla.contracts.money.Markup;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes tenant events the way the credential service does: envelopes on this suite's (prefixed)
 * tenant topic, keyed by tenant id.
 */
public final class TenantEvents {

  private static KafkaProducer<String, String> producer;

  private TenantEvents() {}

  public static EventEnvelope publish(DomainEvent event) {
    return publish(EventCodec.wrap(event, Instant.now()));
  }

  public static EventEnvelope publish(EventEnvelope envelope) {
    String topic =
        ConfigProvider.getConfig()
                .getOptionalValue("flotilla.messaging.topic-prefix", String.class)
                .orElse("")
            + Topics.TENANTS;
    try {
      producer()
          .send(new ProducerRecord<>(topic, envelope.aggregateId(), EventCodec.encode(envelope)))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish " + envelope.type(), e);
    }
    return envelope;
  }

  private static synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties properties = new Properties();
      properties.put(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
      properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      properties.put(
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      properties.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(properties);
      Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
    }
    return producer;
  }

  /** Creates an agent with a markup and bounds, and waits until this service knows them. */
  public static void agent(String agentId, Markup markup, long maxPercentBp, long maxFixed) {
    announce(agentId, markup, maxPercentBp, maxFixed);
    awaitPricing(agentId, markup, maxPercentBp);
  }

  /** Publishes an agent's creation and pricing without waiting for them to arrive. */
  public static void announce(String agentId, Markup markup, long maxPercentBp, long maxFixed) {
    publish(new AgentCreated(agentId, agentId, 1, agentId + "_bot", markup, 0));
    publish(new AgentPricingChanged(agentId, markup, maxPercentBp, maxFixed));
  }

  public static void awaitPricing(String agentId, Markup markup, long maxPercentBp) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .pollInSameThread()
        .until(
            () -> {
              var response = Api.internal().get("/internal/agents/{id}/pricing", agentId);
              return response.statusCode() == 200
                  && markup.kind().name().equals(response.path("markup.kind"))
                  && ((Number) response.path("markup.value")).longValue() == markup.value()
                  && ((Number) response.path("max_percent_basis_points")).longValue()
                      == maxPercentBp;
            });
  }

  public static void awaitStatus(String agentId, String status) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .pollInSameThread()
        .until(
            () -> {
              var response = Api.internal().get("/internal/agents/{id}/pricing", agentId);
              return response.statusCode() == 200 && status.equals(response.path("status"));
            });
  }
}
