package io.flotilla.inventory.support;

import io.flotilla.platform.problem.ProblemMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small, faithful stand-in for the ledger service's payment API, served over real HTTP on a
 * random port: {@code POST /internal/payments} (201 booked, 200 the same order again, 422 {@code
 * insufficient-funds} with nothing booked, 409 {@code payment-mismatch}, 400 for a malformed body,
 * 401 without the service token), {@code POST /internal/payments/batch} (200 with each payment's
 * own answer, 400 for the whole batch when one payment is malformed) and {@code GET
 * /internal/payments/{orderId}} (200, or 404 {@code payment-not-found}). Tests set balances, inject
 * failures, take the batch route away (a ledger that predates it) and count calls.
 */
public final class FakeLedger implements AutoCloseable {

  /** What to do with the next payment request instead of answering normally. */
  public enum Failure {
    /** 503 without booking anything. */
    UNAVAILABLE_BEFORE_BOOKING,
    /** Books the payment, then answers 503: the caller cannot know it was paid. */
    UNAVAILABLE_AFTER_BOOKING,
    /** Books the payment and never answers. */
    SILENT_AFTER_BOOKING
  }

  private static final Set<String> REQUIRED =
      Set.of(
          "order_id",
          "tenant_id",
          "sold_by",
          "customer_id",
          "quantity",
          "base_unit_price",
          "agent_unit_price",
          "markup_per_unit",
          "currency");

  private final Vertx vertx;
  private final HttpServer server;
  private final String token;
  private final Map<Long, Long> balances = new HashMap<>();
  private final Map<String, Booked> payments = new HashMap<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final AtomicInteger paymentCalls = new AtomicInteger();
  private final AtomicInteger batchCalls = new AtomicInteger();
  private final AtomicInteger lookupCalls = new AtomicInteger();
  private long defaultBalance;
  private boolean batchRoute = true;
  private Consumer<String> onBooked = orderId -> {};

  private record Booked(JsonObject request, JsonObject payment) {}

  private FakeLedger(String token, int port) {
    this.token = token;
    this.vertx = Vertx.vertx();
    this.server = vertx.createHttpServer().requestHandler(this::handle);
    try {
      server
          .listen(port, "127.0.0.1")
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("Fake ledger could not start", e);
    }
  }

  /** A ledger on a random loopback port accepting {@code token} as the service token. */
  public static FakeLedger start(String token) {
    return new FakeLedger(token, 0);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Forgets every payment, balance, failure and count; new customers start with no money. */
  public synchronized void reset() {
    balances.clear();
    payments.clear();
    failures.clear();
    paymentCalls.set(0);
    batchCalls.set(0);
    lookupCalls.set(0);
    defaultBalance = 0;
    batchRoute = true;
    onBooked = orderId -> {};
  }

  /** The balance customers have when none was set for them. */
  public synchronized void defaultBalance(long amount) {
    defaultBalance = amount;
  }

  public synchronized void balance(long customerId, long amount) {
    balances.put(customerId, amount);
  }

  public synchronized long balanceOf(long customerId) {
    return balances.getOrDefault(customerId, defaultBalance);
  }

  /** Answers the batch route with 404 from now on, as a ledger that predates it would. */
  public synchronized void withoutBatchRoute() {
    batchRoute = false;
  }

  public synchronized void failNext(Failure failure) {
    failures.add(failure);
  }

  /** Called (on the ledger's thread) with the order id of every payment booked from now on. */
  public synchronized void onBooked(Consumer<String> hook) {
    onBooked = hook;
  }

  /**
   * Books a payment as if a request for it arrived now (e.g. one that was stuck on its way), with
   * no balance check.
   */
  public synchronized void book(
      UUID orderId,
      String soldBy,
      long customerId,
      int quantity,
      long basePrice,
      long markup,
      String currency) {
    long amount = (basePrice + markup) * quantity;
    JsonObject request =
        new JsonObject()
            .put("order_id", orderId.toString())
            .put("tenant_id", soldBy)
            .put("sold_by", soldBy)
            .put("customer_id", customerId)
            .put("quantity", quantity)
            .put("base_unit_price", basePrice)
            .put("agent_unit_price", basePrice + markup)
            .put("markup_per_unit", markup)
            .put("currency", currency);
    payments.put(
        orderId.toString(), new Booked(request, payment(orderId.toString(), amount, currency, 0)));
  }

  /** Payments asked for, each payment of a batch counted. */
  public int paymentCalls() {
    return paymentCalls.get();
  }

  /** Calls of the batch route. */
  public int batchCalls() {
    return batchCalls.get();
  }

  public int lookupCalls() {
    return lookupCalls.get();
  }

  public synchronized int bookedPayments() {
    return payments.size();
  }

  /** The sum of every booked payment's amount. */
  public synchronized long bookedAmount() {
    return payments.values().stream().mapToLong(booked -> booked.payment().getLong("amount")).sum();
  }

  public synchronized Optional<JsonObject> paymentOf(UUID orderId) {
    return Optional.ofNullable(payments.get(orderId.toString())).map(Booked::payment);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private void handle(HttpServerRequest request) {
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      problem(request, 401, "unauthenticated", "A valid service credential is required");
      return;
    }
    String path = request.path();
    if (request.method().name().equals("POST") && path.equals("/internal/payments")) {
      request.body().onSuccess(body -> pay(request, body.toString()));
    } else if (request.method().name().equals("POST")
        && path.equals("/internal/payments/batch")
        && hasBatchRoute()) {
      request.body().onSuccess(body -> payAll(request, body.toString()));
    } else if (request.method().name().equals("GET") && path.startsWith("/internal/payments/")) {
      lookup(request, path.substring("/internal/payments/".length()));
    } else {
      problem(request, 404, "http-404", "No such route");
    }
  }

  /** What a payment's own call answers: a payment (200, 201) or a problem body. */
  private record Answer(String orderId, int status, JsonObject body) {

    boolean paid() {
      return status == 200 || status == 201;
    }
  }

  private void pay(HttpServerRequest request, String text) {
    paymentCalls.incrementAndGet();
    JsonObject body;
    try {
      body = new JsonObject(text);
    } catch (RuntimeException e) {
      problem(request, 400, "unreadable-body", "The body is not valid JSON");
      return;
    }
    String invalid = invalid(body);
    if (invalid != null) {
      problem(request, 400, "invalid-field", invalid);
      return;
    }
    Failure failure = nextFailure();
    Answer answer = settle(body, failure == Failure.UNAVAILABLE_BEFORE_BOOKING);
    if (failure == Failure.UNAVAILABLE_AFTER_BOOKING
        || failure == Failure.UNAVAILABLE_BEFORE_BOOKING && answer.status() == 503) {
      problem(request, 503, "unavailable", "Ledger unavailable");
    } else if (failure != Failure.SILENT_AFTER_BOOKING) {
      request
          .response()
          .setStatusCode(answer.status())
          .putHeader(
              "Content-Type", answer.paid() ? "application/json" : ProblemMapper.PROBLEM_JSON)
          .end(answer.body().encode());
    }
  }

  /**
   * The batch route: the batch is refused as a whole when a payment in it is invalid, else each
   * payment is answered as its own call would be. An injected failure hits the whole call.
   */
  private void payAll(HttpServerRequest request, String text) {
    batchCalls.incrementAndGet();
    JsonArray batch;
    try {
      batch = new JsonObject(text).getJsonArray("payments");
    } catch (RuntimeException e) {
      problem(request, 400, "unreadable-body", "The body is not a batch of payments");
      return;
    }
    if (batch == null || batch.isEmpty()) {
      problem(request, 400, "invalid-field", "payments: must not be empty");
      return;
    }
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      paymentCalls.incrementAndGet();
      JsonObject body = batch.getJsonObject(i);
      String invalid = invalid(body);
      if (invalid != null) {
        problem(request, 400, "invalid-field", "payments[" + i + "]." + invalid);
        return;
      }
      bodies.add(body);
    }
    Failure failure = nextFailure();
    if (failure == Failure.UNAVAILABLE_BEFORE_BOOKING) {
      problem(request, 503, "unavailable", "Ledger unavailable");
      return;
    }
    JsonArray results = new JsonArray();
    for (JsonObject body : bodies) {
      Answer answer = settle(body, false);
      JsonObject result =
          new JsonObject().put("order_id", answer.orderId()).put("status", answer.status());
      results.add(result.put(answer.paid() ? "payment" : "problem", answer.body()));
    }
    if (failure == Failure.UNAVAILABLE_AFTER_BOOKING) {
      problem(request, 503, "unavailable", "Ledger unavailable");
    } else if (failure != Failure.SILENT_AFTER_BOOKING) {
      request
          .response()
          .setStatusCode(200)
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("results", results).encode());
    }
  }

  private synchronized boolean hasBatchRoute() {
    return batchRoute;
  }

  private synchronized Failure nextFailure() {
    return failures.poll();
  }

  /** Why a payment request is not valid, or null. */
  private static String invalid(JsonObject body) {
    for (String field : REQUIRED) {
      if (body.getValue(field) == null) {
        return field + ": is required";
      }
    }
    if (body.getLong("quantity") <= 0
        || body.getLong("agent_unit_price")
            != body.getLong("base_unit_price") + body.getLong("markup_per_unit")) {
      return "agent_unit_price: must be base + markup";
    }
    return null;
  }

  /**
   * Books a valid payment unless it was booked before or the wallet is short; {@code unavailable}
   * answers 503 instead of booking anything new.
   */
  private Answer settle(JsonObject body, boolean unavailable) {
    String orderId = body.getString("order_id");
    Consumer<String> hook;
    Answer answer;
    synchronized (this) {
      hook = onBooked;
      Booked earlier = payments.get(orderId);
      if (earlier != null) {
        return earlier.request().equals(body)
            ? new Answer(orderId, 200, earlier.payment())
            : problemAnswer(orderId, 409, "payment-mismatch", "Order was paid differently");
      }
      if (unavailable) {
        return problemAnswer(orderId, 503, "unavailable", "Ledger unavailable");
      }
      long customer = body.getLong("customer_id");
      long amount = Math.multiplyExact(body.getLong("agent_unit_price"), body.getLong("quantity"));
      long balance = balances.getOrDefault(customer, defaultBalance);
      if (balance < amount) {
        return problemAnswer(
            orderId, 422, "insufficient-funds", "The wallet holds less than " + amount);
      }
      balances.put(customer, balance - amount);
      JsonObject payment = payment(orderId, amount, body.getString("currency"), balance - amount);
      payments.put(orderId, new Booked(body, payment));
      answer = new Answer(orderId, 201, payment);
    }
    hook.accept(orderId);
    return answer;
  }

  private static Answer problemAnswer(String orderId, int status, String slug, String detail) {
    return new Answer(orderId, status, problemBody(status, slug, detail));
  }

  private static JsonObject payment(String orderId, long amount, String currency, long after) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new JsonObject()
        .put("payment_id", "pay-" + UUID.randomUUID())
        .put("order_id", orderId)
        .put("status", "paid")
        .put("amount", amount)
        .put("currency", currency)
        .put("paid_at", now.toString())
        .put("matures_at", now.plus(48, ChronoUnit.HOURS).toString())
        .put("wallet_balance_after", after);
  }

  private void lookup(HttpServerRequest request, String orderId) {
    lookupCalls.incrementAndGet();
    JsonObject payment;
    synchronized (this) {
      Booked booked = payments.get(orderId);
      payment = booked == null ? null : booked.payment();
    }
    if (payment == null) {
      problem(request, 404, "payment-not-found", "Order " + orderId + " was never paid");
    } else {
      request
          .response()
          .setStatusCode(200)
          .putHeader("Content-Type", "application/json")
          .end(payment.encode());
    }
  }

  private static void problem(HttpServerRequest request, int status, String slug, String detail) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", ProblemMapper.PROBLEM_JSON)
        .end(problemBody(status, slug, detail).encode());
  }

  private static JsonObject problemBody(int status, String slug, String detail) {
    return new JsonObject()
        .put("type", ProblemMapper.TYPE_BASE + slug)
        .put("title", slug)
        .put("status", status)
        .put("detail", detail);
  }
}
