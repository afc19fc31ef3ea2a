package io.flotilla.e2e;

import io.flotilla.testkit.infra.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The slice of Flotilla an end-to-end test needs — credential-service, bot-fleet-service and
 * admin-gateway as real processes, each on a fresh database — wired to a Kafka broker and a Bot
 * API, with a bootstrap admin token as {@code ./flotilla up} makes one.
 */
final class FlotillaPlatform implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  final String adminToken = "flt_" + randomText(32);
  final String serviceToken = randomText(32);
  final String topicPrefix = "e2e" + randomText(6).toLowerCase().replaceAll("[^a-z0-9]", "x") + ".";
  final TestDatabase credentialDatabase = TestDatabase.create("e2e_credential");
  final TestDatabase fleetDatabase = TestDatabase.create("e2e_fleet");
  final TestDatabase gatewayDatabase = TestDatabase.create("e2e_gateway");
  private final List<ServiceProcess> processes = new ArrayList<>();
  private final Path workDirectory;
  ServiceProcess credential;
  ServiceProcess fleet;
  ServiceProcess gateway;

  private FlotillaPlatform(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  static FlotillaPlatform start(String kafkaBootstrap, String telegramApiUrl, String healthPath)
      throws IOException, InterruptedException {
    FlotillaPlatform platform =
        new FlotillaPlatform(Files.createTempDirectory(Path.of("target"), "e2e-"));
    try {
      platform.launch(kafkaBootstrap, telegramApiUrl, healthPath);
      return platform;
    } catch (IOException | InterruptedException | RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void launch(String kafkaBootstrap, String telegramApiUrl, String healthPath)
      throws IOException, InterruptedException {
    int credentialPort = freePort();
    Map<String, String> common = new HashMap<>();
    common.put("FLOTILLA_KAFKA_BOOTSTRAP", kafkaBootstrap);
    common.put("FLOTILLA_MESSAGING_TOPIC_PREFIX", topicPrefix);
    common.put("FLOTILLA_SERVICE_TOKEN", serviceToken);
    common.put("FLOTILLA_TELEGRAM_API_URL", telegramApiUrl);
    common.put("FLOTILLA_CREDENTIAL_URL", "http://127.0.0.1:" + credentialPort);
    common.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
    common.put("FLOTILLA_PG_USER", credentialDatabase.user());
    common.put("FLOTILLA_PG_PASSWORD", credentialDatabase.password());

    Map<String, String> credentialEnv = withDatabase(common, credentialDatabase);
    credentialEnv.put("FLOTILLA_CREDENTIAL_PORT", String.valueOf(credentialPort));
    credentialEnv.put("FLOTILLA_CRYPTO_GENERATE_IF_MISSING", "true");
    credentialEnv.put(
        "FLOTILLA_CRYPTO_KEYSET_PATH", workDirectory.resolve("keyset.json").toString());
    credentialEnv.put(
        "FLOTILLA_CRYPTO_MASTER_KEY_PATH", workDirectory.resolve("master-key.json").toString());
    credential = launch("credential-service", credentialPort, credentialEnv);

    int fleetPort = freePort();
    Map<String, String> fleetEnv = withDatabase(common, fleetDatabase);
    fleetEnv.put("FLOTILLA_FLEET_PORT", String.valueOf(fleetPort));
    fleetEnv.put("FLOTILLA_FLEET_LONG_POLL_TIMEOUT", "5s");
    fleet = launch("bot-fleet-service", fleetPort, fleetEnv);

    int gatewayPort = freePort();
    Map<String, String> gatewayEnv = withDatabase(common, gatewayDatabase);
    gatewayEnv.put("FLOTILLA_GATEWAY_PORT", String.valueOf(gatewayPort));
    gatewayEnv.put(
        "FLOTILLA_BOOTSTRAP_ADMIN_TOKEN_SHA256",
        HexFormat.of()
            .formatHex(sha256(adminToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    gateway = launch("admin-gateway", gatewayPort, gatewayEnv);

    for (ServiceProcess process : processes) {
      process.awaitHealthy(healthPath, START_TIMEOUT);
    }
  }

  private ServiceProcess launch(String module, int port, Map<String, String> environment)
      throws IOException {
    ServiceProcess process =
        new ServiceProcess(module, port, environment, workDirectory.resolve("logs")).start();
    processes.add(process);
    return process;
  }

  private static Map<String, String> withDatabase(
      Map<String, String> common, TestDatabase database) {
    Map<String, String> environment = new HashMap<>(common);
    environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
    environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
    return environment;
  }

  Path logs() {
    return workDirectory.resolve("logs");
  }

  @Override
  public void close() throws InterruptedException {
    for (ServiceProcess process : processes.reversed()) {
      process.close();
    }
    for (TestDatabase database : List.of(credentialDatabase, fleetDatabase, gatewayDatabase)) {
      database.drop();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String randomText(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(input);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
