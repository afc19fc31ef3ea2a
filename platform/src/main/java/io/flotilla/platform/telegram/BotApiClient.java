package io.flotilla.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.multipart.MultipartForm;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A non-blocking Bot API client shared by every bot of a service: one pooled HTTP client, no thread
 * per bot. Calls are {@code POST /bot<token>/<method>} with a JSON body, as the Bot API documents.
 * Failures never include the token: API errors become {@link BotApiException}, transport failures
 * {@link BotApiUnavailableException}.
 */
@ApplicationScoped
public class BotApiClient {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WebClient client;
  private final TelegramConfig config;
  private final String baseUrl;

  public BotApiClient(Vertx vertx, TelegramConfig config) {
    this.config = config;
    this.baseUrl = config.apiUrl().replaceAll("/+$", "");
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setMaxPoolSize(500)
                .setKeepAlive(true)
                .setTryUseCompression(true)
                .setUserAgent("flotilla"));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public Uni<BotIdentity> getMe(String token) {
    return call(token, "getMe", Map.of())
        .map(
            me ->
                new BotIdentity(
                    me.path("id").asLong(),
                    me.path("username").asText(null),
                    me.path("first_name").asText(null)));
  }

  /** Calls a method and returns its {@code result}. */
  public Uni<JsonNode> call(String token, String method, Map<String, ?> parameters) {
    return call(token, method, parameters, config.requestTimeout());
  }

  /**
   * Calls a method with a caller-chosen timeout, e.g. a long poll whose server-side timeout must
   * fit inside it.
   */
  public Uni<JsonNode> call(
      String token, String method, Map<String, ?> parameters, Duration timeout) {
    return client
        .postAbs(baseUrl + "/bot" + token + "/" + method)
        .timeout(timeout.toMillis())
        .sendJsonObject(new JsonObject(MAPPER.convertValue(parameters, Map.class)))
        .onFailure()
        .transform(failure -> new BotApiUnavailableException(method, failure))
        .map(response -> result(method, response));
  }

  /**
   * Calls a method that uploads a file ({@code sendDocument} with a document made here): a
   * multipart/form-data body, the other parameters as form fields (objects as JSON text, as the Bot
   * API reads them).
   */
  public Uni<JsonNode> upload(
      String token,
      String method,
      Map<String, ?> parameters,
      String fileField,
      String fileName,
      String mediaType,
      byte[] content) {
    MultipartForm form = MultipartForm.create();
    parameters.forEach(
        (name, value) -> {
          if (value != null) {
            form.attribute(name, formValue(value));
          }
        });
    form.binaryFileUpload(fileField, fileName, Buffer.buffer(content), mediaType);
    return client
        .postAbs(baseUrl + "/bot" + token + "/" + method)
        .timeout(config.requestTimeout().toMillis())
        .sendMultipartForm(form)
        .onFailure()
        .transform(failure -> new BotApiUnavailableException(method, failure))
        .map(response -> result(method, response));
  }

  /**
   * Downloads a file the bot received, by the {@code file_path} that {@code getFile} gave, from
   * {@code <api url>/file/bot<token>/<file_path>}. Like every call, a failure never names the URL.
   */
  public Uni<byte[]> download(String token, String filePath) {
    return client
        .getAbs(baseUrl + "/file/bot" + token + "/" + filePath)
        .timeout(config.requestTimeout().toMillis())
        .send()
        .onFailure()
        .transform(failure -> new BotApiUnavailableException("file download", failure))
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new BotApiException(
                    response.statusCode(), "file download failed", OptionalInt.empty());
              }
              Buffer body = response.body();
              return body == null ? new byte[0] : body.getBytes();
            });
  }

  private static String formValue(Object value) {
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("unserializable Bot API parameter", e);
    }
  }

  private static JsonNode result(String method, HttpResponse<Buffer> response) {
    JsonNode body;
    try {
      body = MAPPER.readTree(response.bodyAsString());
    } catch (IOException | RuntimeException e) {
      throw new BotApiUnavailableException(method, e);
    }
    if (body == null || !body.isObject()) {
      throw new BotApiUnavailableException(method, new IOException("not a Bot API answer"));
    }
    if (body.path("ok").asBoolean(false)) {
      return body.path("result");
    }
    JsonNode retryAfter = body.path("parameters").path("retry_after");
    return throwApiError(
        body.path("error_code").asInt(response.statusCode()),
        body.path("description").asText("Bot API error"),
        retryAfter.isInt() ? OptionalInt.of(retryAfter.asInt()) : OptionalInt.empty());
  }

  private static JsonNode throwApiError(int code, String description, OptionalInt retryAfter) {
    throw new BotApiException(code, description, retryAfter);
  }
}
