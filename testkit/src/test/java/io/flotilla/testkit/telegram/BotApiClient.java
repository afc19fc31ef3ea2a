package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** A plain HTTP client for the Bot API, sending parameters in each of the ways bots do. */
final class BotApiClient {
  /** One answer: HTTP status, the JSON body and the Retry-After header (null when absent). */
  record Answer(int status, JsonNode body, String retryAfter) {
    JsonNode result() {
      return body.get("result");
    }

    String description() {
      return body.path("description").asText(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  BotApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** POST application/x-www-form-urlencoded, the encoding of most bot libraries. */
  Answer form(String token, String method, Map<String, ?> params) {
    return join(formAsync(token, method, params));
  }

  CompletableFuture<Answer> formAsync(String token, String method, Map<String, ?> params) {
    return send(
        HttpRequest.newBuilder(uri(token, method))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(params))));
  }

  /** GET with the parameters in the query string. */
  Answer query(String token, String method, Map<String, ?> params) {
    return join(
        send(HttpRequest.newBuilder(URI.create(uri(token, method) + "?" + encode(params))).GET()));
  }

  /** POST application/json; nested objects stay objects. */
  Answer json(String token, String method, Object body) {
    try {
      return join(
          send(
              HttpRequest.newBuilder(uri(token, method))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POST multipart/form-data with text fields and one file part. */
  Answer multipart(
      String token,
      String method,
      Map<String, String> fields,
      String filePart,
      String fileName,
      byte[] content) {
    String boundary = "----emulator-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach(
        (name, value) ->
            body.writeBytes(
                ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                        .formatted(boundary, name, value))
                    .getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(
        ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .formatted(boundary, filePart, fileName)
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return join(
        send(
            HttpRequest.newBuilder(uri(token, method))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
  }

  /** A raw HTTP answer, for file downloads. */
  record Download(int status, String contentType, byte[] body) {}

  /** GET of a path whose answer is not JSON, such as /file/bot&lt;token&gt;/&lt;file_path&gt;. */
  Download download(String path) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + path))
                  .timeout(Duration.ofSeconds(20))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Download(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET of an arbitrary path, for requests that are not method calls. */
  Answer get(String path) {
    return join(send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()));
  }

  private URI uri(String token, String method) {
    return URI.create(baseUrl + "/bot" + token + "/" + method);
  }

  private CompletableFuture<Answer> send(HttpRequest.Builder request) {
    return http.sendAsync(
            request.timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            response -> {
              try {
                return new Answer(
                    response.statusCode(),
                    JSON.readTree(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private static String encode(Map<String, ?> params) {
    return params.entrySet().stream()
        .map(
            entry ->
                URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(String.valueOf(entry.getValue()), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static Answer join(CompletableFuture<Answer> answer) {
    return answer.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
  }
}
