package io.flotilla.testkit.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quarkus test resource giving each test suite its own PostgreSQL database and its own Kafka topic
 * namespace on the shared test broker of {@code ./flotilla test}.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(
 *     value = FlotillaInfraResource.class,
 *     initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "ledger"))
 * class LedgerResourceTest { ... }
 * }</pre>
 *
 * <p>Config it returns: {@code quarkus.datasource.username/password}, {@code
 * quarkus.datasource.reactive.url} ({@code postgresql://host:port/db}), {@code
 * quarkus.datasource.jdbc.url}, {@code kafka.bootstrap.servers} ({@code FLOTILLA_KAFKA_BOOTSTRAP},
 * default {@value InfraSettings#DEFAULT_TEST_KAFKA_BOOTSTRAP}) and {@code
 * flotilla.messaging.topic-prefix} (random, e.g. {@code t3f9a2c1e.}), plus switches turning off Dev
 * Services for the datasource and Kafka. The database is dropped in {@link #stop()}.
 */
public class FlotillaInfraResource implements QuarkusTestResourceLifecycleManager {

  /** Init arg naming the database prefix (default {@code t}). */
  public static final String DB_PREFIX = "db-prefix";

  /** Config key of the per-suite topic prefix. */
  public static final String TOPIC_PREFIX_KEY = "flotilla.messaging.topic-prefix";

  private static final SecureRandom RANDOM = new SecureRandom();

  private String dbPrefix = "t";
  private TestDatabase database;
  private String topicPrefix;

  @Override
  public void init(Map<String, String> initArgs) {
    String prefix = initArgs == null ? null : initArgs.get(DB_PREFIX);
    if (prefix != null && !prefix.isBlank()) {
      dbPrefix = prefix;
    }
  }

  @Override
  public Map<String, String> start() {
    database = TestDatabase.create(dbPrefix);
    topicPrefix = newTopicPrefix();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.datasource.username", database.user());
    config.put("quarkus.datasource.password", database.password());
    config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
    config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
    config.put("quarkus.datasource.devservices.enabled", "false");
    config.put("kafka.bootstrap.servers", InfraSettings.kafkaBootstrap());
    config.put("quarkus.kafka.devservices.enabled", "false");
    config.put(TOPIC_PREFIX_KEY, topicPrefix);
    return config;
  }

  @Override
  public void stop() {
    if (database != null) {
      TestDatabase toDrop = database;
      database = null;
      toDrop.drop();
    }
  }

  /** The database of the running suite ({@code null} before {@link #start()}). */
  public TestDatabase database() {
    return database;
  }

  /** The topic prefix of the running suite ({@code null} before {@link #start()}). */
  public String topicPrefix() {
    return topicPrefix;
  }

  static String newTopicPrefix() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return "t" + HexFormat.of().formatHex(bytes) + ".";
  }
}
