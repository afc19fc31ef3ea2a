package io.flotilla.fleet.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP plumbing the fake platform services of the fleet's tests share: JSON and problems. */
final class FakeHttp {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private FakeHttp() {}

  /** A server on a free port of the loopback interface, answering under {@code /internal}. */
  static HttpServer serve(HttpHandler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/internal", handler);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static JsonNode body(HttpExchange exchange) throws IOException {
    return JSON.readTree(exchange.getRequestBody().readAllBytes());
  }

  static String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name) && parts.length == 2 && !parts[1].isEmpty()) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange
        .getResponseHeaders()
        .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** A problem+json answer with the platform's type for the slug, and extension members. */
  static void problem(HttpExchange exchange, int status, String slug, Map<String, ?> extensions)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "https://flotilla.dev/problems/" + slug);
    problem.put("title", slug);
    problem.put("status", status);
    problem.putAll(extensions);
    answer(exchange, status, problem);
  }

  static void problem(HttpExchange exchange, int status, String slug) throws IOException {
    problem(exchange, status, slug, Map.of());
  }
}
