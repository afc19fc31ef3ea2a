package io.flotilla.inventory.bench;

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
 * the answer and place the next, for a warm-up and then a measured period. Only orders answered 201
 * (paid and delivered) count as completed.
 */
final class LoadGenerator implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final String token;

  LoadGenerator(String token, int maxConnections) {
    this.token = token;
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
            .put("customer_id", 1 + random.nextInt(100_000))
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

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
