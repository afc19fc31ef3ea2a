package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bot's webhook endpoint for tests: records each delivery and answers as scripted. */
final class WebhookReceiver implements AutoCloseable {
  record Delivery(Headers headers, JsonNode update) {}

  private record Reply(int status, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Reply> scriptedReplies = new ConcurrentLinkedQueue<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
    server.createContext("/hook", this::receive);
    server.start();
  }

  static WebhookReceiver start() {
    try {
      return new WebhookReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next delivery gets this answer; deliveries without a scripted answer get 200. */
  void answerNext(int status, String body) {
    scriptedReplies.add(new Reply(status, body));
  }

  Delivery next(Duration timeout) throws InterruptedException {
    Delivery delivery = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (delivery == null) {
      throw new AssertionError("no webhook delivery within " + timeout);
    }
    return delivery;
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      deliveries.add(
          new Delivery(exchange.getRequestHeaders(), JSON.readTree(exchange.getRequestBody())));
      Reply reply = scriptedReplies.poll();
      byte[] body = (reply == null ? "" : reply.body()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(
          reply == null ? 200 : reply.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
