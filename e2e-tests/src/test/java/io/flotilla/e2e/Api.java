package io.flotilla.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for the public API, as an outside caller uses it. */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  Api(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Answer post(String path, String token, String body) throws IOException, InterruptedException {
    return post(path, token, "application/json", body, Map.of());
  }

  Answer post(
      String path, String token, String contentType, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        request(path, token)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  Answer put(String path, String token, String body) throws IOException, InterruptedException {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Answer get(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).GET().build());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    JsonNode json = body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        body,
        json);
  }

  /** A response: status, content type, raw body and parsed JSON. */
  record Answer(int status, String contentType, String body, JsonNode json) {}
}
