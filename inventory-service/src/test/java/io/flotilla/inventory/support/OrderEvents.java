package io.flotilla.inventory.support;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads what this suite's outbox relayed to its (prefixed) order-events topic. */
public final class OrderEvents {

  private OrderEvents() {}

  /**
   * Every event about {@code orderId} on the topic, waiting up to {@code wait} until at least
   * {@code expected} arrived (and then briefly for any more).
   */
  public static List<DomainEvent> about(UUID orderId, int expected, Duration wait) {
    var config = ConfigProvider.getConfig();
    String topic =
        config.getOptionalValue("flotilla.messaging.topic-prefix", String.class).orElse("")
            + Topics.ORDERS;
    Properties properties = new Properties();
    properties.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        config.getValue("kafka.bootstrap.servers", String.class));
    properties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<DomainEvent> found = new ArrayList<>();
    Instant deadline = Instant.now().plus(wait);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions = new ArrayList<>();
      while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(5))
            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant settle = null;
      while (Instant.now().isBefore(settle == null ? deadline : settle)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (orderId.toString().equals(record.key())) {
            EventEnvelope envelope = EventCodec.decode(record.value());
            found.add(EventCodec.payload(envelope));
          }
        }
        if (settle == null && found.size() >= expected) {
          settle = Instant.now().plus(Duration.ofMillis(500));
        }
      }
    }
    return found;
  }
}
