package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Posts updates to webhooks the way Telegram does, and describes failures in Telegram's words. */
final class WebhookClient {
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  record Target(String url, String secretToken) {}

  record Response(int status, String statusMessage, Buffer body) {
    boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final ObjectMapper json;

  WebhookClient(Vertx vertx, ObjectMapper json) {
    this.json = json;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS),
            new PoolOptions().setHttp1MaxSize(64));
  }

  Future<Response> post(Target target, Update update) {
    String body;
    try {
      body = json.writeValueAsString(update);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(target.url())
            .setIdleTimeout(READ_TIMEOUT_MILLIS)
            .putHeader("Content-Type", "application/json");
    if (!target.secretToken().isEmpty()) {
      options.putHeader(SECRET_HEADER, target.secretToken());
    }
    return client
        .request(options)
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(
            response ->
                response
                    .body()
                    .map(
                        content ->
                            new Response(
                                response.statusCode(), response.statusMessage(), content)));
  }

  /** The last_error_message Telegram reports for a failed delivery. */
  static String describe(Response response) {
    return "Wrong response from the webhook: " + response.status() + " " + response.statusMessage();
  }

  static String describe(Throwable failure) {
    if (failure instanceof ConnectException) {
      return String.valueOf(failure.getMessage()).contains("refused")
          ? "Connection refused"
          : "Connection failed";
    }
    if (failure instanceof TimeoutException
        || failure.getClass().getSimpleName().contains("Timeout")) {
      return "Read timeout expired";
    }
    return String.valueOf(failure.getMessage());
  }

  void close() {
    client.close();
  }
}
