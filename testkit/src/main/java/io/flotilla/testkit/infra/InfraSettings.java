package io.flotilla.testkit.infra;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the shared test infrastructure is: the settings {@code ./flotilla test} passes to every
 * test JVM as environment variables. Each one can also be given as a system property named like the
 * variable in lower case with dots ({@code FLOTILLA_PG_HOST} → {@code flotilla.pg.host}); the
 * environment wins.
 */
public final class InfraSettings {

  /** Default bootstrap servers of the test broker {@code ./flotilla test} starts. */
  public static final String DEFAULT_TEST_KAFKA_BOOTSTRAP = "127.0.0.1:19092";

  static final String RUN_THROUGH_FLOTILLA =
      "Run the tests through ./flotilla test (e.g. ./flotilla test -pl testkit), which starts"
          + " PostgreSQL and a test Kafka broker and passes their coordinates to the tests.";

  private InfraSettings() {}

  /**
   * The value of environment variable {@code name}, else of the system property {@code
   * flotilla.x.y} derived from it, else of any of {@code alternativeProperties}.
   */
  public static Optional<String> lookup(String name, String... alternativeProperties) {
    String value = System.getenv(name);
    if (isBlank(value)) {
      value = System.getProperty(propertyName(name));
    }
    for (int i = 0; isBlank(value) && i < alternativeProperties.length; i++) {
      value = System.getProperty(alternativeProperties[i]);
    }
    return isBlank(value) ? Optional.empty() : Optional.of(value.trim());
  }

  /** {@code FLOTILLA_PG_HOST} → {@code flotilla.pg.host}. */
  static String propertyName(String environmentName) {
    return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  public static String pgHost() {
    return lookup("FLOTILLA_PG_HOST").orElse("127.0.0.1");
  }

  public static int pgPort() {
    String port = lookup("FLOTILLA_PG_PORT").orElse("5432");
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("FLOTILLA_PG_PORT is not a number: " + port, e);
    }
  }

  public static String pgUser() {
    return lookup("FLOTILLA_PG_USER").orElse("flotilla");
  }

  public static String pgPassword() {
    return lookup("FLOTILLA_PG_PASSWORD")
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No PostgreSQL password: FLOTILLA_PG_PASSWORD (or -Dflotilla.pg.password) is"
                        + " not set. "
                        + RUN_THROUGH_FLOTILLA));
  }

  /** Bootstrap servers of the shared test broker ({@code FLOTILLA_KAFKA_BOOTSTRAP}). */
  public static String kafkaBootstrap() {
    return lookup("FLOTILLA_KAFKA_BOOTSTRAP").orElse(DEFAULT_TEST_KAFKA_BOOTSTRAP);
  }

  /** The file holding the Kafka broker class path ({@code FLOTILLA_KAFKA_CLASSPATH_FILE}). */
  public static String kafkaClasspathFile() {
    return lookup("FLOTILLA_KAFKA_CLASSPATH_FILE", "flotilla.kafka.classpath-file")
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "FLOTILLA_KAFKA_CLASSPATH_FILE (or -Dflotilla.kafka.classpath-file) is not set,"
                        + " so no Kafka broker can be started. "
                        + RUN_THROUGH_FLOTILLA));
  }

  /** An optional log4j2 configuration for brokers ({@code FLOTILLA_KAFKA_LOG4J_CONFIG}). */
  public static Optional<String> kafkaLog4jConfig() {
    return lookup("FLOTILLA_KAFKA_LOG4J_CONFIG", "flotilla.kafka.log4j-config");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
