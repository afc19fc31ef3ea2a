package io.flotilla.gateway.route;

import io.flotilla.gateway.auth.GatewayConfig;
import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.problem.ProblemMapper;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every public route's body limit: a declared {@code Content-Length} beyond it is answered 413
 * before the body is read. Stock imports carry files and get their own, larger limit. A body sent
 * without a length is capped by {@code quarkus.http.limits.max-body-size}, and the route table
 * checks its length again once read.
 */
@ApplicationScoped
public class BodyLimit {

  static final String STOCK_IMPORT_SUFFIX = "/stock/import";

  private final GatewayConfig config;

  public BodyLimit(GatewayConfig config) {
    this.config = config;
  }

  void install(@Observes StartupEvent event, Router router) {
    router
        .route("/api/*")
        .order(Integer.MIN_VALUE + 10)
        .handler(
            context -> {
              String declared = context.request().getHeader("Content-Length");
              long limit =
                  context.request().path().endsWith(STOCK_IMPORT_SUFFIX)
                      ? config.maxImportBodyBytes()
                      : config.maxBodyBytes();
              if (declared != null && exceeds(declared, limit)) {
                ProblemException problem = tooLarge(limit);
                context
                    .response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", ProblemMapper.PROBLEM_JSON)
                    .putHeader("Connection", "close")
                    .end(
                        new JsonObject()
                            .put("type", ProblemMapper.TYPE_BASE + problem.slug())
                            .put("title", problem.title())
                            .put("status", 413)
                            .put("detail", problem.getMessage())
                            .put("instance", context.request().path())
                            .put("max_bytes", limit)
                            .encode());
                return;
              }
              context.next();
            });
  }

  private static boolean exceeds(String declared, long limit) {
    try {
      return Long.parseLong(declared.strip()) > limit;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  static ProblemException tooLarge(long limit) {
    return new ProblemException(
        413,
        "body-too-large",
        "Content too large",
        "The body is larger than this route accepts (" + limit + " bytes)",
        java.util.Map.of("max_bytes", limit));
  }
}
