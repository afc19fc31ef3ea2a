package io.flotilla.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Needs the Kafka classpath file that {@code ./flotilla test} provides. */
class KafkaBrokerProcessTest {

  private static final String TOPIC = "testkit.broker-process";

  @Test
  void survivesAStopAndStartOnTheSamePortWithItsData() throws Exception {
    Path workDir;
    try (KafkaBrokerProcess kafka = KafkaBrokerProcess.create()) {
      workDir = kafka.logFile().getParent();
      assertThat(kafka.isRunning()).isFalse();

      kafka.start();
      String bootstrap = kafka.bootstrapServers();
      assertThat(bootstrap).isEqualTo("127.0.0.1:" + kafka.port());
      assertThat(kafka.isRunning()).isTrue();
      String group = "g-" + UUID.randomUUID();

      produce(bootstrap, "k1", "before restart");
      assertThat(consume(bootstrap, group, 1)).containsExactly("before restart");

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      assertThat(accepts(kafka.port())).isFalse();

      kafka.start();
      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      produce(bootstrap, "k2", "after restart");
      // the group's committed offset survived: only the new record is delivered
      assertThat(consume(bootstrap, group, 1)).containsExactly("after restart");
      // and the data survived: a new group reads both
      assertThat(consume(bootstrap, "g-" + UUID.randomUUID(), 2))
          .containsExactlyInAnyOrder("before restart", "after restart");
      assertThat(Files.readString(kafka.logFile())).contains("Kafka Server started");
    }
    assertThat(workDir).doesNotExist();
  }

  private static void produce(String bootstrap, String key, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }
  }

  private static List<String> consume(String bootstrap, String group, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      consumer.commitSync();
    }
    return values;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
