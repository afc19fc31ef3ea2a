package io.flotilla.gateway.forward;

import io.flotilla.gateway.auth.GatewayConfig;
import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.security.ServiceAuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Passes a public API call to one named internal endpoint of a platform service and its answer back
 * unchanged: status, content type and body (a downstream problem+json reaches the caller as it is).
 * Each public route names its internal path explicitly; nothing under {@code /internal} is
 * reachable otherwise.
 */
@ApplicationScoped
public class InternalForwarder {

  private final WebClient client;
  private final GatewayConfig config;
  private final String serviceToken;

  public InternalForwarder(Vertx vertx, GatewayConfig config, ServiceAuthConfig serviceAuth) {
    this.client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(100));
    this.config = config;
    this.serviceToken = serviceAuth.token();
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /** A service the gateway forwards to. */
  public enum Service {
    CREDENTIAL,
    LEDGER,
    INVENTORY,
    FLEET
  }

  /**
   * @param query the caller's query parameters, passed on as they are
   * @param headers extra headers to pass on (content type, signatures, the admin's id)
   * @param body the request body, or null
   */
  public Uni<Response> forward(
      Service service,
      HttpMethod method,
      String internalPath,
      MultivaluedMap<String, String> query,
      Map<String, String> headers,
      Buffer body) {
    return call(service, method, internalPath, query, headers, body)
        .map(InternalForwarder::toResponse);
  }

  /** Like {@link #forward}, but the internal answer as it came, for a caller that reshapes it. */
  public Uni<HttpResponse<Buffer>> call(
      Service service,
      HttpMethod method,
      String internalPath,
      MultivaluedMap<String, String> query,
      Map<String, String> headers,
      Buffer body) {
    String base =
        switch (service) {
          case CREDENTIAL -> config.credentialUrl();
          case LEDGER -> config.ledgerUrl();
          case INVENTORY -> config.inventoryUrl();
          case FLEET -> config.fleetUrl();
        };
    HttpRequest<Buffer> request =
        client
            .requestAbs(method, base.replaceAll("/+$", "") + internalPath)
            .timeout(config.forwardTimeout().toMillis())
            .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken);
    if (query != null) {
      query.forEach((name, values) -> values.forEach(value -> request.addQueryParam(name, value)));
    }
    headers.forEach(
        (name, value) -> {
          if (value != null) {
            request.putHeader(name, value);
          }
        });
    Uni<HttpResponse<Buffer>> answer = body == null ? request.send() : request.sendBuffer(body);
    return answer
        .onFailure()
        .transform(
            failure ->
                ProblemException.unavailable(
                    "dependency-unavailable",
                    "A platform service is unreachable; try again shortly"));
  }

  /** The internal answer as the public one: status, content type, body, Location, Retry-After. */
  public static Response toResponse(HttpResponse<Buffer> answer) {
    Response.ResponseBuilder response = Response.status(answer.statusCode());
    String contentType = answer.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      response.type(contentType);
    }
    for (String passed : List.of("Location", "Retry-After")) {
      String value = answer.getHeader(passed);
      if (value != null) {
        response.header(passed, value);
      }
    }
    Buffer body = answer.body();
    return response.entity(body == null ? null : body.getBytes()).build();
  }
}
