package io.flotilla.credential.bot;

import static io.flotilla.credential.testsupport.Internal.admin;
import static io.flotilla.credential.testsupport.Internal.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.contracts.events.AgentOwnersChanged;
import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.PlatformAdminsChanged;
import io.flotilla.credential.testsupport.InjectTelegram;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramFixture;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.flotilla.testkit.telegram.BotHandle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class EventsAndMetricsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @InjectTelegram TelegramFixture telegram;

  @Test
  void lifecycleEventsReachKafkaKeyedByTenantWithoutSecrets() throws Exception {
    BotHandle bot = telegram.newBot();
    String user = Internal.uniqueId("kafka");
    String tenant = "user:" + user;
    String apiHash = Internal.apiHash();
    api()
        .body(Map.of("user_id", user, "bot_token", bot.token(), "api_id", 99, "api_hash", apiHash))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    api().post("/internal/user-bots/" + user + "/verify").then().statusCode(200);

    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of(topic()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().filter(r -> tenant.equals(r.key())).count() >= 2;
              });
    }
    // delivery is at least once: a batch the broker acknowledged late is sent again
    Map<String, JsonNode> mine = new LinkedHashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      assertThat(record.value()).doesNotContain(bot.token()).doesNotContain(apiHash);
      if (tenant.equals(record.key())) {
        JsonNode event = JSON.readTree(record.value());
        mine.putIfAbsent(event.path("event_id").asText(), event);
      }
    }
    List<JsonNode> events = List.copyOf(mine.values());
    assertThat(events)
        .extracting(event -> event.path("type").asText())
        .containsExactly("BotRegistered", "BotActivated");
    assertThat(events.getFirst().path("payload").path("bot_id").asLong()).isEqualTo(bot.id());
    assertThat(events.getFirst().path("payload").path("status").asText()).isEqualTo("pending");
    assertThat(events.getFirst().path("tenant_id").asText()).isEqualTo(tenant);
  }

  @Test
  void ownerAndAdminListsReachKafkaAsTheFleetDecodesThem() {
    String agent = Internal.uniqueId("kown-");
    long newAdmin = 300_000_000L + System.nanoTime() % 1_000_000;
    admin("admin-k")
        .body(
            Map.of(
                "agent_id",
                agent,
                "name",
                "Kafka Owners",
                "bot_token",
                telegram.newBot().token(),
                "owner_telegram_ids",
                List.of(31, 30)))
        .post("/internal/agents")
        .then()
        .statusCode(201);
    admin("admin-k")
        .body(Map.of("telegram_id", newAdmin))
        .post("/internal/platform-admins")
        .then()
        .statusCode(201);

    List<DomainEvent> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of(topic()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(500))) {
                  if (agent.equals(record.key()) || "platform".equals(record.key())) {
                    seen.add(EventCodec.payload(EventCodec.decode(record.value())));
                  }
                }
                return seen.contains(new AgentOwnersChanged(agent, List.of(30L, 31L)))
                    && seen.stream()
                        .anyMatch(
                            event ->
                                event instanceof PlatformAdminsChanged admins
                                    && admins.telegramIds().contains(newAdmin));
              });
    }
  }

  @Test
  void everyDecryptionIsCounted() {
    BotHandle bot = telegram.newBot();
    String user = Internal.uniqueId("metric");
    api()
        .body(
            Map.of(
                "user_id",
                user,
                "bot_token",
                bot.token(),
                "api_id",
                99,
                "api_hash",
                Internal.apiHash()))
        .post("/internal/user-bots")
        .then()
        .statusCode(201);
    double tokens = decryptions("bot_token");
    double hashes = decryptions("api_hash");

    for (int i = 0; i < 3; i++) {
      api().get("/internal/bots/user:" + user + "/credentials").then().statusCode(200);
    }
    api().get("/internal/mtproto/user:" + user + "/credentials").then().statusCode(200);

    assertThat(decryptions("bot_token")).isEqualTo(tokens + 3);
    assertThat(decryptions("api_hash")).isEqualTo(hashes + 1);
  }

  private static double decryptions(String field) {
    String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher line =
        Pattern.compile(
                "flotilla_credentials_decryptions_total\\{[^}]*field=\""
                    + field
                    + "\"[^}]*purpose=\"read\"[^}]*} ([0-9.E]+)")
            .matcher(metrics);
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }

  private static String topic() {
    return ConfigProvider.getConfig()
            .getOptionalValue("flotilla.messaging.topic-prefix", String.class)
            .orElse("")
        + "flotilla.tenant-events";
  }

  private static KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
            ConsumerConfig.GROUP_ID_CONFIG,
            "credential-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
