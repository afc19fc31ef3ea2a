package io.flotilla.ledger.support;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Events as other services send them: enveloped, and when needed through the suite's Kafka topic.
 */
public final class Events {

  private Events() {}

  public static String envelope(DomainEvent event) {
    return EventCodec.encode(EventCodec.wrap(event, Instant.now()));
  }

  /**
   * Reads this suite's topic from the start until a record with the key arrives, and returns its
   * value.
   */
  public static String awaitRecord(String topic, String key, Duration timeout) {
    return awaitRecords(topic, key, timeout, Duration.ZERO).getFirst();
  }

  /**
   * Reads this suite's topic from the start until a record with the key arrives, then on for {@code
   * settle} more, and returns the values of every record with the key, in order: a test that
   * expects one can tell one from two.
   */
  public static List<String> awaitRecords(
      String topic, String key, Duration timeout, Duration settle) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
            ConsumerConfig.GROUP_ID_CONFIG, "ledger-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(prefix() + topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            if (found.isEmpty()) {
              deadline = Math.min(deadline, System.nanoTime() + settle.toNanos());
            }
            found.add(record.value());
          }
        }
        if (!found.isEmpty() && settle.isZero()) {
          return found;
        }
      }
    }
    if (found.isEmpty()) {
      throw new AssertionError("No record with key " + key + " on " + topic + " within " + timeout);
    }
    return found;
  }

  /** Publishes an envelope to the event's topic under this suite's prefix and waits for the ack. */
  public static void publish(DomainEvent event, String envelope) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      producer
          .send(
              new ProducerRecord<>(
                  prefix() + EventType.of(event).topic(), event.aggregateId(), envelope))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static String prefix() {
    return ConfigProvider.getConfig()
        .getOptionalValue("flotilla.messaging.topic-prefix", String.class)
        .orElse("");
  }

  private static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }
}
