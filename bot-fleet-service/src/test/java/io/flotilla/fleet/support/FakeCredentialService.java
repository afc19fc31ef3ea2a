package io.flotilla.fleet.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flotilla.contracts.events.TenantKind;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential service's internal bot API as the fleet reads it, served over HTTP from the test
 * JVM: the bots that should run with their credentials, the platform admins, and a switch that
 * makes every call answer 500 the way a credential service in trouble does.
 */
public class FakeCredentialService implements QuarkusTestResourceLifecycleManager {

  /** A bot as the credential service keeps it. */
  public record Bot(
      String tenantId,
      TenantKind tenantKind,
      String tenantName,
      long botId,
      String botUsername,
      String botToken,
      String status,
      int requestsPerSecond,
      int maxConcurrentRequests,
      List<Long> ownerTelegramIds) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private static final Pattern CREDENTIALS = Pattern.compile("/internal/bots/([^/]+)/credentials");
  private static final Pattern FAILURE = Pattern.compile("/internal/bots/([^/]+)/failure");

  private static final Map<String, Bot> BOTS = new ConcurrentHashMap<>();
  private static final Set<Long> ADMINS = ConcurrentHashMap.newKeySet();
  private static final List<String> FAILURES = new CopyOnWriteArrayList<>();
  private static final AtomicBoolean FAILING = new AtomicBoolean();
  private HttpServer server;

  public static void put(Bot bot) {
    BOTS.put(bot.tenantId(), bot);
  }

  public static void remove(String tenantId) {
    BOTS.remove(tenantId);
  }

  public static void admins(Set<Long> ids) {
    ADMINS.clear();
    ADMINS.addAll(ids);
  }

  /** While on, every call answers 500. */
  public static void failing(boolean on) {
    FAILING.set(on);
  }

  public static List<String> reportedFailures() {
    return List.copyOf(FAILURES);
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/internal", this::handle);
    server.start();
    return Map.of(
        "quarkus.rest-client.credential.url", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (FAILING.get()) {
        answer(
            exchange, 500, Map.of("type", "about:blank", "title", "Internal error", "status", 500));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      Matcher credentials = CREDENTIALS.matcher(path);
      Matcher failure = FAILURE.matcher(path);
      if (path.equals("/internal/bots/serving")) {
        String after = query(exchange, "after");
        answer(
            exchange,
            200,
            new TreeMap<>(BOTS)
                .values().stream()
                    .filter(bot -> bot.status().equals("active"))
                    .filter(bot -> after == null || bot.tenantId().compareTo(after) > 0)
                    .map(
                        bot ->
                            Map.of(
                                "tenant_id", bot.tenantId(),
                                "tenant_kind", bot.tenantKind(),
                                "bot_id", bot.botId()))
                    .toList());
      } else if (credentials.matches()) {
        Bot bot = BOTS.get(credentials.group(1));
        if (bot == null) {
          answer(exchange, 404, Map.of("type", "about:blank", "title", "Not found", "status", 404));
        } else {
          answer(exchange, 200, bot);
        }
      } else if (failure.matches()) {
        FAILURES.add(failure.group(1));
        exchange.sendResponseHeaders(204, -1);
      } else if (path.equals("/internal/platform-admins")) {
        answer(exchange, 200, Map.of("telegram_ids", List.copyOf(ADMINS)));
      } else {
        answer(exchange, 404, Map.of("type", "about:blank", "title", "Not found", "status", 404));
      }
    }
  }

  private static String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name) && parts.length == 2 && !parts[1].isEmpty()) {
        return java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange
        .getResponseHeaders()
        .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
