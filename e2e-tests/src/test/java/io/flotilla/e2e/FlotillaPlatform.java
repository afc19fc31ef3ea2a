package io.flotilla.e2e;

import io.flotilla.testkit.infra.ServiceProcess;
import io.flotilla.testkit.infra.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Flotilla as an end-to-end test needs it — credential-service, bot-fleet-service,
 * inventory-service, ledger-service and admin-gateway as real processes, each on a fresh database —
 * wired to a Kafka broker and a Bot API, with a bootstrap admin token as {@code ./flotilla up}
 * makes one.
 */
final class FlotillaPlatform implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  final String adminToken = "flt_" + randomText(32);
  final String serviceToken = randomText(32);
  final String topicPrefix = "e2e" + randomText(6).toLowerCase().replaceAll("[^a-z0-9]", "x") + ".";
  final TestDatabase credentialDatabase = TestDatabase.create("e2e_credential");
  final TestDatabase fleetDatabase = TestDatabase.create("e2e_fleet");
  final TestDatabase inventoryDatabase = TestDatabase.create("e2e_inventory");
  final TestDatabase ledgerDatabase = TestDatabase.create("e2e_ledger");
  final TestDatabase gatewayDatabase = TestDatabase.create("e2e_gateway");
  private final List<ServiceProcess> processes = new ArrayList<>();
  private final Path workDirectory;
  ServiceProcess credential;
  ServiceProcess fleet;
  ServiceProcess inventory;
  ServiceProcess ledger;
  ServiceProcess gateway;

  private FlotillaPlatform(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  static FlotillaPlatform start(String kafkaBootstrap, String telegramApiUrl)
      throws IOException, InterruptedException {
    FlotillaPlatform platform =
        new FlotillaPlatform(Files.createTempDirectory(Path.of("target"), "e2e-"));
    try {
      platform.launch(kafkaBootstrap, telegramApiUrl);
      return platform;
    } catch (IOException | InterruptedException | RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void launch(String kafkaBootstrap, String telegramApiUrl)
      throws IOException, InterruptedException {
    Map<String, String> common = new HashMap<>();
    common.put("FLOTILLA_KAFKA_BOOTSTRAP", kafkaBootstrap);
    common.put("FLOTILLA_MESSAGING_TOPIC_PREFIX", topicPrefix);
    common.put("FLOTILLA_SERVICE_TOKEN", serviceToken);
    common.put("FLOTILLA_TELEGRAM_API_URL", telegramApiUrl);
    common.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");

    Map<String, String> credentialEnv = new HashMap<>(common);
    credentialEnv.put("FLOTILLA_CRYPTO_GENERATE_IF_MISSING", "true");
    credentialEnv.put(
        "FLOTILLA_CRYPTO_KEYSET_PATH", workDirectory.resolve("keyset.json").toString());
    credentialEnv.put(
        "FLOTILLA_CRYPTO_MASTER_KEY_PATH", workDirectory.resolve("master-key.json").toString());
    credential =
        define("credential-service", "FLOTILLA_CREDENTIAL_PORT", credentialDatabase, credentialEnv);
    ledger = define("ledger-service", "FLOTILLA_LEDGER_PORT", ledgerDatabase, common);
    common.put("FLOTILLA_CREDENTIAL_URL", credential.url());
    common.put("FLOTILLA_LEDGER_URL", ledger.url());

    inventory = define("inventory-service", "FLOTILLA_INVENTORY_PORT", inventoryDatabase, common);
    common.put("FLOTILLA_INVENTORY_URL", inventory.url());
    Map<String, String> fleetEnv = new HashMap<>(common);
    fleetEnv.put("FLOTILLA_FLEET_LONG_POLL_TIMEOUT", "5s");
    fleet = define("bot-fleet-service", "FLOTILLA_FLEET_PORT", fleetDatabase, fleetEnv);

    common.put("FLOTILLA_FLEET_URL", fleet.url());
    Map<String, String> gatewayEnv = new HashMap<>(common);
    gatewayEnv.put(
        "FLOTILLA_BOOTSTRAP_ADMIN_TOKEN_SHA256",
        HexFormat.of().formatHex(sha256(adminToken.getBytes(StandardCharsets.UTF_8))));
    gateway = define("admin-gateway", "FLOTILLA_GATEWAY_PORT", gatewayDatabase, gatewayEnv);

    for (ServiceProcess process : processes) {
      process.start();
    }
    for (ServiceProcess process : processes) {
      process.awaitReady();
    }
  }

  /** A service with the environment as it stands now (later additions do not reach it). */
  private ServiceProcess define(
      String module, String portVariable, TestDatabase database, Map<String, String> environment) {
    ServiceProcess process =
        ServiceProcess.builder(module, portVariable)
            .environment(environment)
            .database(database)
            .jvmArguments(List.of("-XX:TieredStopAtLevel=1"))
            .logDirectory(workDirectory.resolve("logs"))
            .build();
    processes.add(process);
    return process;
  }

  Path logs() {
    return workDirectory.resolve("logs");
  }

  @Override
  public void close() throws InterruptedException {
    for (ServiceProcess process : processes.reversed()) {
      process.close();
    }
    for (TestDatabase database :
        List.of(
            credentialDatabase,
            fleetDatabase,
            inventoryDatabase,
            ledgerDatabase,
            gatewayDatabase)) {
      database.drop();
    }
  }

  private static String randomText(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
