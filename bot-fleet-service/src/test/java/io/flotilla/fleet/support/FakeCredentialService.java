package io.flotilla.fleet.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.testkit.telegram.TelegramEmulatorResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential service's internal bot API as the fleet reads it, served over HTTP from the test
 * JVM: the bots that should run with their credentials, the platform admins, and a switch that
 * makes every call answer 500 the way a credential service in trouble does; and the agent routes
 * the agent and admin commands use (create, list, pause, resume, pricing, markup, claim links).
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
  private static final Pattern AGENT = Pattern.compile("/internal/agents/([^/]+)(/[a-z]+)?");
  private static final Map<String, Agent> AGENTS = new ConcurrentHashMap<>();
  private static final Map<String, Claim> CLAIMS = new ConcurrentHashMap<>();
  private static final List<String> ADMIN_ACTIONS = new CopyOnWriteArrayList<>();
  private HttpServer server;

  /**
   * An agent as the credential service keeps it; its bot is a {@link Bot} of kind AGENT with the
   * same id, whose owners follow the agent's.
   */
  public record Agent(
      String agentId,
      String name,
      String status,
      String statusReason,
      Markup markup,
      long maxPercentBasisPoints,
      long maxFixedMinor,
      List<Long> ownerTelegramIds) {}

  /** A one-time claim link's code for an agent; redeemed by at most one person. */
  public record Claim(String agentId, Instant expiresAt, Long redeemedBy) {}

  /** Adds or replaces an agent (its bot is {@link #put} apart). */
  public static void putAgent(Agent agent) {
    AGENTS.put(agent.agentId(), agent);
  }

  public static Agent agent(String agentId) {
    return AGENTS.get(agentId);
  }

  public static Bot bot(String tenantId) {
    return BOTS.get(tenantId);
  }

  public static void claim(String code, String agentId, Instant expiresAt) {
    CLAIMS.put(code, new Claim(agentId, expiresAt, null));
  }

  /** "action target by admin" for every admin call, e.g. {@code agent.pause acme by tg:1}. */
  public static List<String> adminActions() {
    return List.copyOf(ADMIN_ACTIONS);
  }

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
      } else if (path.startsWith("/internal/agents")) {
        agents(exchange, path);
      } else if (path.equals("/internal/platform-admins")) {
        answer(exchange, 200, Map.of("telegram_ids", List.copyOf(ADMINS)));
      } else {
        answer(exchange, 404, Map.of("type", "about:blank", "title", "Not found", "status", 404));
      }
    }
  }

  private static void agents(HttpExchange exchange, String path) throws IOException {
    String method = exchange.getRequestMethod();
    String admin = exchange.getRequestHeaders().getFirst("X-Flotilla-Admin");
    JsonNode body =
        method.equals("GET") ? JSON.createObjectNode() : JSON.readTree(exchange.getRequestBody());
    if (path.equals("/internal/agents") && method.equals("POST")) {
      createAgent(exchange, admin, body);
      return;
    }
    if (path.equals("/internal/agents") && method.equals("GET")) {
      int page = Integer.parseInt(Objects.requireNonNullElse(query(exchange, "page"), "1"));
      int limit = Integer.parseInt(Objects.requireNonNullElse(query(exchange, "limit"), "20"));
      List<Map<String, Object>> all =
          new TreeMap<>(AGENTS).values().stream().map(FakeCredentialService::view).toList();
      List<Map<String, Object>> items =
          all.stream().skip((long) (page - 1) * limit).limit(limit).toList();
      answer(
          exchange, 200, Map.of("items", items, "page", page, "limit", limit, "total", all.size()));
      return;
    }
    if (path.equals("/internal/agents/claims/redeem")) {
      redeem(exchange, body);
      return;
    }
    Matcher matcher = AGENT.matcher(path);
    Agent agent = matcher.matches() ? AGENTS.get(matcher.group(1)) : null;
    if (agent == null) {
      problem(exchange, 404, "not-found", "No agent");
      return;
    }
    String action = Objects.requireNonNullElse(matcher.group(2), "");
    if (action.equals("/claims")) {
      if (admin == null) {
        problem(exchange, 400, "invalid-field", "X-Flotilla-Admin: is required");
        return;
      }
      String code = UUID.randomUUID().toString().replace("-", "");
      Instant expiresAt = Instant.now().plus(Duration.ofDays(7));
      claim(code, agent.agentId(), expiresAt);
      ADMIN_ACTIONS.add("agent.claim.create " + agent.agentId() + " by " + admin);
      answer(
          exchange,
          201,
          Map.of(
              "agent_id",
              agent.agentId(),
              "code",
              code,
              "start_payload",
              "claim_" + code,
              "expires_at",
              expiresAt.toString()));
      return;
    }
    boolean adminAction = !action.isEmpty() && !action.equals("/markup");
    if (adminAction && admin == null) {
      problem(exchange, 400, "invalid-field", "X-Flotilla-Admin: is required");
      return;
    }
    Agent changed =
        switch (action) {
          case "/pause" -> withStatus(agent, "paused", body.path("reason").asText());
          case "/resume" -> withStatus(agent, "active", null);
          case "/pricing", "/markup" -> {
            Markup markup =
                new Markup(
                    MarkupKind.valueOf(body.path("markup").path("kind").asText()),
                    body.path("markup").path("value").asLong());
            long bound =
                markup.kind() == MarkupKind.PERCENT
                    ? agent.maxPercentBasisPoints()
                    : agent.maxFixedMinor();
            if (markup.value() > bound) {
              problem(exchange, 400, "invalid-field", "markup: at most " + bound);
              yield null;
            }
            yield new Agent(
                agent.agentId(),
                agent.name(),
                agent.status(),
                agent.statusReason(),
                markup,
                agent.maxPercentBasisPoints(),
                agent.maxFixedMinor(),
                agent.ownerTelegramIds());
          }
          default -> agent;
        };
    if (changed == null) {
      return;
    }
    AGENTS.put(changed.agentId(), changed);
    if (adminAction) {
      ADMIN_ACTIONS.add(
          "agent" + action.replace('/', '.') + " " + agent.agentId() + " by " + admin);
    }
    answer(exchange, 200, view(changed));
  }

  /** The token is checked with getMe at the Bot API the fleet uses, as the real service does. */
  private static void createAgent(HttpExchange exchange, String admin, JsonNode body)
      throws IOException {
    if (admin == null) {
      problem(exchange, 400, "invalid-field", "X-Flotilla-Admin: is required");
      return;
    }
    String agentId = body.path("agent_id").asText();
    if (AGENTS.containsKey(agentId)) {
      problem(exchange, 409, "agent-exists", "Agent " + agentId + " exists already");
      return;
    }
    String token = body.path("bot_token").asText();
    JsonNode me;
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              TelegramEmulatorResource.emulator().baseUrl()
                                  + "/bot"
                                  + token
                                  + "/getMe"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      me = JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (!me.path("ok").asBoolean()) {
      problem(exchange, 400, "invalid-field", "bot_token: Telegram does not accept this token");
      return;
    }
    Agent agent =
        new Agent(
            agentId,
            body.path("name").asText(),
            "active",
            null,
            Markup.NONE,
            5000,
            1000,
            List.of());
    AGENTS.put(agentId, agent);
    put(
        new Bot(
            agentId,
            TenantKind.AGENT,
            agent.name(),
            me.path("result").path("id").asLong(),
            me.path("result").path("username").asText(),
            token,
            "active",
            1000,
            64,
            List.of()));
    ADMIN_ACTIONS.add("agent.create " + agentId + " by " + admin);
    answer(exchange, 201, view(agent));
  }

  private static synchronized void redeem(HttpExchange exchange, JsonNode body) throws IOException {
    String code = body.path("code").asText();
    String agentId = body.path("agent_id").asText();
    long person = body.path("telegram_user_id").asLong();
    Claim claim = CLAIMS.get(code);
    if (claim == null || !claim.agentId().equals(agentId)) {
      problem(exchange, 404, "not-found", "No such claim");
    } else if (claim.redeemedBy() != null) {
      problem(exchange, 409, "claim-used", "The claim was used");
    } else if (claim.expiresAt().isBefore(Instant.now())) {
      problem(exchange, 410, "claim-expired", "The claim expired");
    } else {
      CLAIMS.put(code, new Claim(agentId, claim.expiresAt(), person));
      Agent agent = AGENTS.get(agentId);
      List<Long> owners = new ArrayList<>(agent.ownerTelegramIds());
      owners.add(person);
      Agent owned =
          new Agent(
              agentId,
              agent.name(),
              agent.status(),
              agent.statusReason(),
              agent.markup(),
              agent.maxPercentBasisPoints(),
              agent.maxFixedMinor(),
              List.copyOf(owners));
      AGENTS.put(agentId, owned);
      Bot bot = BOTS.get(agentId);
      if (bot != null) {
        put(
            new Bot(
                bot.tenantId(),
                bot.tenantKind(),
                bot.tenantName(),
                bot.botId(),
                bot.botUsername(),
                bot.botToken(),
                bot.status(),
                bot.requestsPerSecond(),
                bot.maxConcurrentRequests(),
                owned.ownerTelegramIds()));
      }
      answer(exchange, 200, view(owned));
    }
  }

  /** A paused agent's bot leaves the serving list, as in the real service. */
  private static Agent withStatus(Agent agent, String status, String reason) {
    Bot bot = BOTS.get(agent.agentId());
    if (bot != null) {
      put(
          new Bot(
              bot.tenantId(),
              bot.tenantKind(),
              bot.tenantName(),
              bot.botId(),
              bot.botUsername(),
              bot.botToken(),
              status.equals("active") ? "active" : "paused",
              bot.requestsPerSecond(),
              bot.maxConcurrentRequests(),
              bot.ownerTelegramIds()));
    }
    return new Agent(
        agent.agentId(),
        agent.name(),
        status,
        reason,
        agent.markup(),
        agent.maxPercentBasisPoints(),
        agent.maxFixedMinor(),
        agent.ownerTelegramIds());
  }

  private static Map<String, Object> view(Agent agent) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("agent_id", agent.agentId());
    view.put("name", agent.name());
    view.put("status", agent.status());
    view.put("status_reason", agent.statusReason());
    view.put(
        "markup", Map.of("kind", agent.markup().kind().name(), "value", agent.markup().value()));
    view.put("max_percent_basis_points", agent.maxPercentBasisPoints());
    view.put("max_fixed_minor", agent.maxFixedMinor());
    view.put("owner_telegram_ids", agent.ownerTelegramIds());
    Bot bot = BOTS.get(agent.agentId());
    if (bot != null) {
      view.put("bot", Map.of("username", bot.botUsername(), "status", bot.status()));
    }
    return view;
  }

  private static void problem(HttpExchange exchange, int status, String slug, String detail)
      throws IOException {
    answer(
        exchange,
        status,
        Map.of(
            "type", "https://flotilla.dev/problems/" + slug,
            "title", slug,
            "status", status,
            "detail", detail));
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
