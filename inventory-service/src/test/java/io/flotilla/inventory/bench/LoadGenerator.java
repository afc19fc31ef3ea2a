package io.flotilla.inventory.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load generator: {@code concurrency} virtual customers each place an order, wait for
 * the answer and place the next, for a warm-up and then a measured period. An order comes from a
 * random shop and one of that shop's customers {@code 1..customersPerShop}. Only orders answered
 * 201 (paid and delivered) count as completed.
 */
final class LoadGenerator implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final String token;
  private final int customersPerShop;

  LoadGenerator(String token, int maxConnections, int customersPerShop) {
    this.token = token;
    this.customersPerShop = customersPerShop;
    this.client =
        WebClient.create(
            vertx, new WebClientOptions().setMaxPoolSize(maxConnections).setKeepAlive(true));
  }

  /** What one measured period produced. */
  record Result(
      long completed, long refused, long failed, double seconds, long p50Micros, long p99Micros) {

    double completedPerSecond() {
      return completed / seconds;
    }
  }

  Result run(
      String serviceUrl,
      List<String> tenants,
      List<UUID> products,
      int concurrency,
      Duration warmUp,
      Duration measured)
      throws InterruptedException {
    LongAdder completed = new LongAdder();
    LongAdder refused = new LongAdder();
    LongAdder failed = new LongAdder();
    long[] latencies = new long[4_000_000];
    AtomicInteger recorded = new AtomicInteger();
    AtomicLong measureFrom = new AtomicLong(System.nanoTime() + warmUp.toNanos());
    long stopAt = measureFrom.get() + measured.toNanos();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      vertx.runOnContext(
          ignored ->
              next(
                  serviceUrl + "/internal/orders",
                  tenants,
                  products,
                  stopAt,
                  measureFrom.get(),
                  new Counts(completed, refused, failed, latencies, recorded, done)));
    }
    done.await(warmUp.plus(measured).plusMinutes(2).toSeconds(), TimeUnit.SECONDS);
    int count = Math.min(recorded.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return new Result(
        completed.sum(),
        refused.sum(),
        failed.sum(),
        measured.toNanos() / 1e9,
        count == 0 ? 0 : sorted[count / 2] / 1_000,
        count == 0 ? 0 : sorted[(int) (count * 0.99)] / 1_000);
  }

  private record Counts(
      LongAdder completed,
      LongAdder refused,
      LongAdder failed,
      long[] latencies,
      AtomicInteger recorded,
      CountDownLatch done) {}

  private void next(
      String url,
      List<String> tenants,
      List<UUID> products,
      long stopAt,
      long measureFrom,
      Counts counts) {
    long started = System.nanoTime();
    if (started >= stopAt) {
      counts.done().countDown();
      return;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    JsonObject order =
        new JsonObject()
            .put("tenant_id", tenants.get(random.nextInt(tenants.size())))
            .put("customer_id", 1 + random.nextInt(customersPerShop))
            .put("product_id", products.get(random.nextInt(products.size())).toString())
            .put("quantity", 1);
    client
        .postAbs(url)
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .timeout(30_000)
        .sendJsonObject(order)
        .onComplete(
            answer -> {
              long finished = System.nanoTime();
              if (started >= measureFrom && finished <= stopAt) {
                if (answer.succeeded() && answer.result().statusCode() == 201) {
                  counts.completed().increment();
                } else if (answer.succeeded() && answer.result().statusCode() == 409) {
                  counts.refused().increment();
                } else {
                  counts.failed().increment();
                }
                int slot = counts.recorded().getAndIncrement();
                if (slot < counts.latencies().length) {
                  counts.latencies()[slot] = finished - started;
                }
              }
              next(url, tenants, products, stopAt, measureFrom, counts);
            });
  }

  /**
   * Tops up the wallet of every customer of every shop through the ledger's API, as an admin
   * confirming a received payment does, {@code concurrency} requests at a time.
   */
  Duration fundWallets(String ledgerUrl, List<String> tenants, long amount)
      throws InterruptedException {
    long started = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    int wallets = tenants.size() * customersPerShop;
    AtomicInteger failures = new AtomicInteger();
    int parallel = Math.min(64, wallets);
    CountDownLatch done = new CountDownLatch(parallel);
    for (int i = 0; i < parallel; i++) {
      vertx.runOnContext(
          ignored -> fundNext(ledgerUrl, tenants, amount, next, wallets, failures, done));
    }
    if (!done.await(10, TimeUnit.MINUTES) || failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " top-ups failed or did not finish");
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private void fundNext(
      String ledgerUrl,
      List<String> tenants,
      long amount,
      AtomicInteger next,
      int wallets,
      AtomicInteger failures,
      CountDownLatch done) {
    int wallet = next.getAndIncrement();
    if (wallet >= wallets) {
      done.countDown();
      return;
    }
    JsonObject request =
        new JsonObject()
            .put("tenant_id", tenants.get(wallet / customersPerShop))
            .put("customer_id", 1 + wallet % customersPerShop)
            .put("amount", amount);
    client
        .postAbs(ledgerUrl + "/internal/top-ups")
        .putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(request)
        .compose(
            created -> {
              if (created.statusCode() != 201) {
                return Future.failedFuture(created.bodyAsString());
              }
              return client
                  .postAbs(
                      ledgerUrl
                          + "/internal/top-ups/"
                          + created.bodyAsJsonObject().getString("top_up_id")
                          + "/confirm")
                  .putHeader("Authorization", "Bearer " + token)
                  .putHeader("X-Flotilla-Admin", "bench")
                  .sendJsonObject(new JsonObject());
            })
        .onComplete(
            confirmed -> {
              if (confirmed.failed() || confirmed.result().statusCode() != 200) {
                failures.incrementAndGet();
              }
              fundNext(ledgerUrl, tenants, amount, next, wallets, failures, done);
            });
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
