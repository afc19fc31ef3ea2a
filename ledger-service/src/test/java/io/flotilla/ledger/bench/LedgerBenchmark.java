package io.flotilla.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.ledger.LedgerTime;
import io.flotilla.ledger.book.Account;
import io.flotilla.ledger.book.AccountKey;
import io.flotilla.ledger.book.AccountKind;
import io.flotilla.ledger.book.Accounts;
import io.flotilla.ledger.book.Journal;
import io.flotilla.ledger.book.Leg;
import io.flotilla.ledger.book.TransferDraft;
import io.flotilla.ledger.book.TransferKind;
import io.flotilla.ledger.maturity.MaturityJob;
import io.flotilla.ledger.support.TestClock;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Load generator for the figures in docs/benchmarks/ledger.md; runs only with {@code ./flotilla
 * bench ledger-service}. It measures order payments per second over HTTP on one hot wallet and
 * across many wallets, pgbench's single-row update on the same PostgreSQL in the same run, and the
 * maturing of a million due profit lots. Sizes: {@code -Dbench.payments}, {@code
 * -Dbench.concurrency}, {@code -Dbench.wallets}, {@code -Dbench.lots}.
 */
@QuarkusTest
@QuarkusTestResource(value = FlotillaInfraResource.class, restrictToAnnotatedClass = false)
class LedgerBenchmark {

  private static final String CURRENCY = "USDT";
  private static final int PAYMENTS = Integer.getInteger("bench.payments", 60_000);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
  private static final int WALLETS = Integer.getInteger("bench.wallets", 10_000);
  private static final int AGENTS = 50;
  private static final int LOTS = Integer.getInteger("bench.lots", 1_000_000);
  private static final Duration PGBENCH_TIME = Duration.ofSeconds(20);

  @Inject Vertx vertx;
  @Inject Pool pool;
  @Inject Accounts accounts;
  @Inject Journal journal;
  @Inject MaturityJob maturity;
  @Inject TestClock clock;

  private final StringBuilder report = new StringBuilder();

  @Test
  void run() throws Exception {
    line(
        "ledger-service benchmark, %s, %d cores",
        Instant.now(), Runtime.getRuntime().availableProcessors());
    line(
        "payments per scenario %d, HTTP concurrency %d, DB pool %s connections",
        PAYMENTS,
        CONCURRENCY,
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.datasource.reactive.max-size", String.class)
            .orElse("?"));
    fund(List.of(AccountKey.wallet("master", 1, CURRENCY)), (long) PAYMENTS * 1_000);
    List<AccountKey> wallets = new ArrayList<>();
    for (int i = 0; i < WALLETS; i++) {
      wallets.add(AccountKey.wallet("master", 1_000 + i, CURRENCY));
    }
    fund(wallets, 1_000_000);

    payments("warm-up", 2_000, i -> body("warm-" + i, 1_000 + i % WALLETS, i));
    // pgbench runs just before and just after the hot wallet, so both see the same machine.
    double pgbenchBefore = pgbench();
    Result hot = payments("one hot wallet", PAYMENTS, i -> body("hot-" + i, 1, i));
    double pgbenchAfter = pgbench();
    double pgbench = (pgbenchBefore + pgbenchAfter) / 2;
    line(
        "pgbench single-row update: %.0f tps before, %.0f tps after the hot wallet (%d clients,"
            + " %d s each); load average after: %s",
        pgbenchBefore, pgbenchAfter, pgbenchClients(), PGBENCH_TIME.toSeconds(), loadAverage());
    line("hot wallet / pgbench single-row update = %.2f", hot.perSecond() / pgbench);
    Result many =
        payments(
            "many wallets",
            PAYMENTS,
            i -> body("many-" + i, 1_000 + ThreadLocalRandom.current().nextInt(WALLETS), i));

    maturity();
    Path out = Path.of("target", "benchmarks", "ledger.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    assertThat(hot.ok()).isEqualTo(PAYMENTS);
    assertThat(many.ok()).isEqualTo(PAYMENTS);
  }

  private Result payments(String name, int count, IntFunction<JsonObject> body) {
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(RestAssured.port)
                .setMaxPoolSize(CONCURRENCY)
                .setKeepAlive(true));
    long[] latencies = new long[count];
    long start = System.nanoTime();
    List<Integer> statuses =
        Multi.createFrom()
            .range(0, count)
            .onItem()
            .transformToUni(
                i -> {
                  long sent = System.nanoTime();
                  return client
                      .post("/internal/payments")
                      .putHeader("Authorization", "Bearer test-service-token")
                      .sendJsonObject(body.apply(i))
                      .map(
                          response -> {
                            latencies[i] = System.nanoTime() - sent;
                            return response.statusCode();
                          });
                })
            .merge(CONCURRENCY)
            .collect()
            .asList()
            .await()
            .atMost(Duration.ofMinutes(20));
    double seconds = (System.nanoTime() - start) / 1e9;
    client.close();
    String load = loadAverage();
    long ok = statuses.stream().filter(status -> status == 201).count();
    Arrays.sort(latencies);
    Result result = new Result(ok, ok / seconds);
    line(
        "%s: %d payments in %.1f s = %.0f payments/s (%d not 201), latency p50 %.1f ms, p99 %.1f"
            + " ms; load average after: %s",
        name,
        ok,
        seconds,
        result.perSecond(),
        count - ok,
        latencies[count / 2] / 1e6,
        latencies[(int) (count * 0.99)] / 1e6,
        load);
    return result;
  }

  private static JsonObject body(String order, long customer, int i) {
    int agent = i % (AGENTS + 1);
    String soldBy = agent == AGENTS ? "master" : "bench-agent-" + agent;
    long markup = agent == AGENTS ? 0 : 15;
    return new JsonObject()
        .put("order_id", order)
        .put("tenant_id", "master")
        .put("sold_by", soldBy)
        .put("customer_id", customer)
        .put("quantity", 1)
        .put("base_unit_price", 100)
        .put("agent_unit_price", 100 + markup)
        .put("markup_per_unit", markup)
        .put("currency", CURRENCY);
  }

  /** Credits the wallets from cash-in through the journal, in chunks. */
  private void fund(List<AccountKey> wallets, long each) {
    Account cashIn =
        accounts
            .open(AccountKey.platform(AccountKind.PLATFORM_CASH_IN, CURRENCY))
            .await()
            .indefinitely();
    for (int from = 0; from < wallets.size(); from += 5_000) {
      List<Account> opened =
          accounts
              .open(wallets.subList(from, Math.min(wallets.size(), from + 5_000)))
              .await()
              .indefinitely();
      List<Leg> legs = new ArrayList<>();
      legs.add(Leg.of(cashIn, -each * opened.size()));
      opened.forEach(wallet -> legs.add(Leg.of(wallet, each)));
      TransferDraft funding =
          new TransferDraft(
              TransferKind.TOP_UP,
              "bench-funding-" + from + "-" + System.nanoTime(),
              CURRENCY,
              legs);
      pool.withTransaction(connection -> journal.post(connection, LedgerTime.now(clock), funding))
          .await()
          .indefinitely();
    }
  }

  /** pgbench's single-row update on a table of the benchmark's database, same server, same run. */
  private double pgbench() throws IOException, InterruptedException {
    pool.query(
            "create table if not exists bench_counter (id int primary key, balance bigint not null)")
        .execute()
        .chain(
            () ->
                pool.query("insert into bench_counter values (1, 0) on conflict do nothing")
                    .execute())
        .await()
        .indefinitely();
    Path script = Files.createTempFile("pgbench-", ".sql");
    Files.writeString(script, "update bench_counter set balance = balance + 1 where id = 1;\n");
    String url =
        ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class);
    Matcher parts = Pattern.compile("postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
    assertThat(parts.matches()).as(url).isTrue();
    ProcessBuilder builder =
        new ProcessBuilder(
            "pgbench",
            "-n",
            "-h",
            parts.group(1),
            "-p",
            parts.group(2),
            "-U",
            ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
            "-c",
            String.valueOf(pgbenchClients()),
            "-j",
            "2",
            "-T",
            String.valueOf(PGBENCH_TIME.toSeconds()),
            "-f",
            script.toString(),
            parts.group(3));
    builder
        .environment()
        .put(
            "PGPASSWORD",
            ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor(PGBENCH_TIME.toSeconds() + 60, TimeUnit.SECONDS);
    Files.delete(script);
    Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
    assertThat(tps.find()).as(output).isTrue();
    return Double.parseDouble(tps.group(1));
  }

  /** As many clients as the service has database connections, so both sides get the same. */
  private static int pgbenchClients() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.datasource.reactive.max-size", Integer.class)
        .orElse(20);
  }

  /** Seeds due profit lots straight into the tables, then times the maturity job over them. */
  private void maturity() {
    int agents = 100;
    long perLot = 10;
    Instant now = LedgerTime.now(clock);
    List<AccountKey> pendingKeys = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      pendingKeys.add(AccountKey.agent(AccountKind.AGENT_PENDING, "lots-agent-" + i, CURRENCY));
    }
    List<Account> pending = accounts.open(pendingKeys).await().indefinitely();
    Account cashIn =
        accounts
            .open(AccountKey.platform(AccountKind.PLATFORM_CASH_IN, CURRENCY))
            .await()
            .indefinitely();
    List<Leg> legs = new ArrayList<>();
    legs.add(Leg.of(cashIn, -perLot * LOTS));
    for (int i = 0; i < agents; i++) {
      long lots = LOTS / agents + (i < LOTS % agents ? 1 : 0);
      legs.add(Leg.of(pending.get(i), perLot * lots));
    }
    long seedStart = System.nanoTime();
    long transfer =
        pool.withTransaction(
                connection ->
                    journal.post(
                        connection,
                        now,
                        new TransferDraft(TransferKind.PAYMENT, "bench-lots", CURRENCY, legs)))
            .await()
            .indefinitely();
    OffsetDateTime due = OffsetDateTime.ofInstant(now.minus(Duration.ofHours(1)), ZoneOffset.UTC);
    pool.preparedQuery(
            "insert into payment (order_id, payment_id, tenant_id, sold_by, customer_id, quantity,"
                + " base_unit_price, agent_unit_price, markup_per_unit, amount, currency,"
                + " transfer_id, paid_at, matures_at, wallet_balance_after, status)"
                + " select 'lot-' || g, gen_random_uuid(), 'master', 'lots-agent-' || (g % $1), 1,"
                + " 1, 100, 110, 10, 110, 'USDT', $2, $3, $3, 0, 'paid'"
                + " from generate_series(0, $4 - 1) g")
        .execute(Tuple.of(agents, transfer, due, LOTS))
        .chain(
            () ->
                pool.preparedQuery(
                        "insert into profit_lot (order_id, agent_id, currency, amount, matures_at,"
                            + " status) select 'lot-' || g, 'lots-agent-' || (g % $1), 'USDT', $2,"
                            + " $3, 'pending' from generate_series(0, $4 - 1) g")
                    .execute(Tuple.of(agents, perLot, due, LOTS)))
        .chain(() -> pool.query("analyze profit_lot").execute())
        .await()
        .atMost(Duration.ofMinutes(20));
    line(
        "seeded %d due lots of %d agents in %.0f s",
        LOTS, agents, (System.nanoTime() - seedStart) / 1e9);

    long start = System.nanoTime();
    int matured = maturity.matureDue().await().atMost(Duration.ofMinutes(30));
    double seconds = (System.nanoTime() - start) / 1e9;
    line(
        "maturity: %d lots matured in %.1f s = %.0f lots/s (batch %s); load average after: %s",
        matured,
        seconds,
        matured / seconds,
        ConfigProvider.getConfig()
            .getOptionalValue("flotilla.ledger.maturity.batch-size", String.class)
            .orElse("2000"),
        loadAverage());
    Uni<Long> left =
        pool.query(
                "select count(*) from profit_lot where status = 'pending' and order_id like 'lot-%'")
            .execute()
            .map(rows -> rows.iterator().next().getLong(0));
    assertThat(left.await().indefinitely()).isZero();
    relayDrain(start);
  }

  /**
   * Waits until the outbox relay has sent every ProfitMatured to Kafka (it starts while the job
   * runs) and reports when that was, counted from the start of the maturity job.
   */
  private void relayDrain(long maturityStart) {
    Uni<Long> unsent =
        pool.query("select count(*) from outbox_event where sent_at is null")
            .execute()
            .map(rows -> rows.iterator().next().getLong(0));
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    long waiting;
    while ((waiting = unsent.await().indefinitely()) > 0) {
      assertThat(System.nanoTime()).as(waiting + " events still unsent").isLessThan(deadline);
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    line(
        "outbox relay: every ProfitMatured on Kafka %.1f s after the maturity job started;"
            + " load average after: %s",
        (System.nanoTime() - maturityStart) / 1e9, loadAverage());
  }

  /** The machine is shared: the 1, 5 and 15 minute load averages put each figure in context. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private void line(String format, Object... args) {
    String text = format.formatted(args);
    System.out.println("[bench] " + text);
    report.append(text).append('\n');
  }

  private record Result(long ok, double perSecond) {}
}
