package io.flotilla.credential.bench;

import static io.flotilla.credential.testsupport.Internal.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.bot.BotTokenFormat;
import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.crypto.TokenFingerprint;
import io.flotilla.credential.keys.KeyRotationService;
import io.flotilla.credential.mtproto.MtprotoAccount;
import io.flotilla.credential.testsupport.Db;
import io.flotilla.credential.testsupport.Internal;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Re-encrypts {@value #DEFAULT_ROWS} credential rows (every tenth with an MTProto account) while
 * reader threads keep fetching decrypted tokens over HTTP, as the fleet does, and reports how long
 * the rotation took and what the readers saw. A benchmark, not a test: it asserts only that every
 * row ended under the new key and every read returned the right token. Run on demand with {@code
 * ./flotilla bench credential-service}; the report goes to {@code target/bench/}.
 */
@QuarkusTest
@TestProfile(ReencryptionBenchmark.ProductionRotation.class)
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
class ReencryptionBenchmark {

  static final int DEFAULT_ROWS = 100_000;
  private static final int ROWS = Integer.getInteger("bench.rows", DEFAULT_ROWS);
  private static final int READERS = Integer.getInteger("bench.readers", 4);

  /** Token reads per second across all readers; 0 reads as fast as the service answers. */
  private static final int READ_RATE = Integer.getInteger("bench.read-rate", 400);

  private static final Duration WARM_UP = Duration.ofSeconds(10);
  private static final Duration BASELINE = Duration.ofSeconds(10);
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

  /** The rotation as deployed on one replica: default batch size and worker interval. */
  public static class ProductionRotation implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "flotilla.crypto.rotation.batch-size", "500",
          "flotilla.crypto.rotation.worker-interval", "1s",
          "flotilla.crypto.rotation.propagation-delay", "0s",
          "quarkus.http.access-log.enabled", "false");
    }
  }

  @Inject CredentialCipher cipher;
  @Inject TokenFingerprint fingerprints;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private String[] tenants;
  private String[] tokens;

  @Test
  void reencryptsWhileServingReads() throws Exception {
    long seedStart = System.nanoTime();
    seed();
    double seedSeconds = seconds(System.nanoTime() - seedStart);
    String load = Files.readString(Path.of("/proc/loadavg")).trim();

    readWhile(deadline(WARM_UP));
    Reads baseline = readWhile(deadline(BASELINE));

    long oldKey = (Long) Db.value("select tink_key_id(token_ciphertext) from bot limit 1");
    Instant requested = Instant.now();
    long rotationId =
        admin("bench")
            .post("/internal/keys/rotations")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("id");
    Reads during = readWhile(() -> !completed(rotationId));
    Instant finished = Instant.now();

    Map<String, Object> rotation =
        Db.rows("select * from key_rotation where id = ?", rotationId).getFirst();
    double reencryptSeconds =
        Duration.between(
                    ((java.sql.Timestamp) rotation.get("reencrypt_at")).toInstant(),
                    ((java.sql.Timestamp) rotation.get("completed_at")).toInstant())
                .toNanos()
            / 1e9;
    double totalSeconds = Duration.between(requested, finished).toNanos() / 1e9;
    long newKey = (Long) rotation.get("new_key_id");

    assertThat(rotation.get("rows_done")).isEqualTo((long) ROWS);
    assertThat(rotation.get("rows_failed")).isEqualTo(0L);
    assertThat(
            Db.count(
                "select count(*) from ("
                    + KeyRotationService.CIPHERTEXTS_BY_KEY
                    + ") used"
                    + " where key_id <> ?",
                newKey))
        .isZero();
    assertThat(baseline.errors + during.errors).isZero();
    assertThat(newKey).isNotEqualTo(oldKey);

    String report =
        """
        # Re-encryption benchmark (%s)

        rows: %d bot rows (%d with an MTProto account, %d ciphertexts), batch size 500
        readers: %d threads fetching /internal/bots/{tenant}/credentials over HTTP, %s
        load average at start: %s; cores: %d
        seeding: %.1f s

        rotation requested -> completed: %.1f s
        re-encryption phase (first batch -> last batch): %.1f s = %.0f rows/s

        | reads            | count  | per s  | p50 ms | p95 ms | p99 ms | max ms |
        |------------------|--------|--------|--------|--------|--------|--------|
        | before (%2d s)    | %s |
        | during rotation  | %s |
        """
            .formatted(
                Instant.now(),
                ROWS,
                ROWS / 10,
                ROWS + 3L * (ROWS / 10),
                READERS,
                READ_RATE == 0 ? "as fast as answered" : READ_RATE + " reads/s in total",
                load,
                Runtime.getRuntime().availableProcessors(),
                seedSeconds,
                totalSeconds,
                reencryptSeconds,
                ROWS / reencryptSeconds,
                BASELINE.toSeconds(),
                baseline.row(),
                during.row());
    Path out = Path.of("target", "bench", "reencryption-" + System.currentTimeMillis() + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }

  private boolean completed(long rotationId) {
    return "COMPLETED".equals(Db.value("select state from key_rotation where id = ?", rotationId));
  }

  /** Tenants, bots and MTProto accounts, encrypted by the service's own cipher, loaded by COPY. */
  private void seed() throws Exception {
    SecureRandom random = new SecureRandom();
    tenants = new String[ROWS];
    tokens = new String[ROWS];
    StringBuilder tenantRows = new StringBuilder();
    StringBuilder botRows = new StringBuilder();
    StringBuilder accountRows = new StringBuilder();
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < ROWS; i++) {
      String tenant = "user:bench%07d".formatted(i);
      long botId = 5_000_000_000L + i;
      StringBuilder secret = new StringBuilder();
      for (int c = 0; c < 35; c++) {
        secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String token = botId + ":" + secret;
      tenants[i] = tenant;
      tokens[i] = token;
      tenantRows.append(tenant).append("\tUSER\t").append(tenant).append("\tACTIVE\n");
      botRows
          .append(tenant)
          .append('\t')
          .append(botId)
          .append("\tbench")
          .append(i)
          .append("_bot\t\\\\x")
          .append(hex.formatHex(cipher.encrypt(token, Bot.tokenBinding(tenant, botId))))
          .append("\t\\\\x")
          .append(hex.formatHex(fingerprints.of(token)))
          .append('\t')
          .append(BotTokenFormat.mask(token))
          .append("\tACTIVE\t25\t10\n");
      if (i % 10 == 0) {
        accountRows
            .append(tenant)
            .append("\t1000")
            .append("\t\\\\x")
            .append(
                hex.formatHex(
                    cipher.encrypt(
                        "0123456789abcdef0123456789abcdef",
                        MtprotoAccount.binding(tenant, MtprotoAccount.API_HASH))))
            .append("\t\\\\x")
            .append(
                hex.formatHex(
                    cipher.encrypt(
                        "+4915112345678", MtprotoAccount.binding(tenant, MtprotoAccount.PHONE))))
            .append("\t\\\\x")
            .append(
                hex.formatHex(
                    cipher.encrypt(
                        "ZGF0YWJhc2Uta2V5LWZvci1iZW5jaG1hcmsteHh4eHg=",
                        MtprotoAccount.binding(tenant, MtprotoAccount.DATABASE_KEY))))
            .append('\n');
      }
    }
    try (Connection connection = Db.connect()) {
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn(
          "copy tenant (id, kind, name, status) from stdin",
          new StringReader(tenantRows.toString()));
      copy.copyIn(
          "copy bot (tenant_id, bot_id, username, token_ciphertext, token_fingerprint, token_hint,"
              + " status, requests_per_second, max_concurrent_requests) from stdin",
          new StringReader(botRows.toString()));
      copy.copyIn(
          "copy mtproto_account (tenant_id, api_id, api_hash_ciphertext, phone_ciphertext,"
              + " database_key_ciphertext) from stdin",
          new StringReader(accountRows.toString()));
    }
    Db.update("analyze");
  }

  private Reads readWhile(java.util.function.BooleanSupplier running) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<long[]>> results = new ArrayList<>();
    long start = System.nanoTime();
    int[] errors = new int[1];
    for (int t = 0; t < READERS; t++) {
      results.add(
          pool.submit(
              () -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                long interval = READ_RATE == 0 ? 0 : 1_000_000_000L * READERS / READ_RATE;
                long next = System.nanoTime();
                while (!stop.get()) {
                  if (interval > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                  }
                  // paced reads count from when they were due, so a stall shows up in full
                  long due = interval > 0 ? next : System.nanoTime();
                  next += interval;
                  int i = ThreadLocalRandom.current().nextInt(ROWS);
                  HttpResponse<String> response =
                      http.send(request(tenants[i]), HttpResponse.BodyHandlers.ofString());
                  long took = System.nanoTime() - due;
                  if (response.statusCode() != 200 || !response.body().contains(tokens[i])) {
                    synchronized (errors) {
                      errors[0]++;
                    }
                  }
                  if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                  }
                  latencies[count++] = took;
                }
                return Arrays.copyOf(latencies, count);
              }));
    }
    while (running.getAsBoolean()) {
      Thread.sleep(100);
    }
    stop.set(true);
    long elapsed = System.nanoTime() - start;
    long[] all = new long[0];
    for (Future<long[]> result : results) {
      long[] part = result.get();
      long[] merged = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, merged, all.length, part.length);
      all = merged;
    }
    pool.shutdown();
    Arrays.sort(all);
    return new Reads(all, seconds(elapsed), errors[0]);
  }

  private HttpRequest request(String tenant) {
    return HttpRequest.newBuilder(
            URI.create(
                RestAssured.baseURI
                    + ":"
                    + RestAssured.port
                    + "/internal/bots/"
                    + tenant
                    + "/credentials"))
        .header("Authorization", "Bearer " + Internal.SERVICE_TOKEN)
        .GET()
        .build();
  }

  private static java.util.function.BooleanSupplier deadline(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    return () -> System.nanoTime() < end;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private record Reads(long[] sortedNanos, double seconds, int errors) {

    String row() {
      return "%6d | %6.0f | %6.2f | %6.2f | %6.2f | %6.1f"
          .formatted(
              sortedNanos.length,
              sortedNanos.length / seconds,
              percentile(0.50),
              percentile(0.95),
              percentile(0.99),
              sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6);
    }

    private double percentile(double p) {
      if (sortedNanos.length == 0) {
        return 0;
      }
      return sortedNanos[Math.min(sortedNanos.length - 1, (int) (p * sortedNanos.length))] / 1e6;
    }
  }
}
