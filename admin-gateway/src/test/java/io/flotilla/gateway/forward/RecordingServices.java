package io.flotilla.gateway.forward;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the ledger and inventory services behind the gateway: records every request it gets
 * and answers what the test queued, so a test sees exactly what the gateway forwarded.
 */
public class RecordingServices implements QuarkusTestResourceLifecycleManager {

  /** A request as the internal service received it. */
  public record Received(String method, String uri, Map<String, String> headers, byte[] body) {}

  /** What the stand-in answers. */
  public record Answer(int status, String contentType, String body) {}

  static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  static volatile Answer next = new Answer(200, "application/json", "{}");

  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              Map<String, String> headers = new java.util.HashMap<>();
                              request
                                  .headers()
                                  .forEach(
                                      h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                              RECEIVED.add(
                                  new Received(
                                      request.method().name(),
                                      request.uri(),
                                      headers,
                                      body.getBytes()));
                              Answer answer = next;
                              request
                                  .response()
                                  .setStatusCode(answer.status())
                                  .putHeader("Content-Type", answer.contentType())
                                  .end(answer.body());
                            }));
    int port;
    try {
      port =
          server
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .actualPort();
    } catch (Exception e) {
      throw new IllegalStateException("Recording server did not start", e);
    }
    String url = "http://127.0.0.1:" + port;
    return Map.of(
        "flotilla.gateway.credential-url",
        url,
        "flotilla.gateway.ledger-url",
        url,
        "flotilla.gateway.inventory-url",
        url);
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }
}
