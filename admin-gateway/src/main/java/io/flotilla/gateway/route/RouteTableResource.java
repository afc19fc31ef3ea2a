package io.flotilla.gateway.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.gateway.auth.GatewayConfig;
import io.flotilla.gateway.forward.Acting;
import io.flotilla.gateway.forward.InternalForwarder;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Serves the {@link RouteTable}: finds the request's route, checks the caller's role, and forwards
 * to the route's internal endpoint with the caller's query string, the acting admin or user, and
 * the body (JSON checked to parse first). The OpenAPI document lists the table's routes one by one
 * ({@link RouteTableOpenApiFilter}); this resource's own catch-all paths are hidden from it.
 */
@Path("/api/admin")
@Authenticated
public class RouteTableResource {

  private final InternalForwarder forwarder;
  private final SecurityIdentity identity;
  private final GatewayConfig config;
  private final ObjectMapper json;
  private final UriInfo uri;
  private final HttpHeaders headers;
  private final HttpServerRequest request;

  public RouteTableResource(
      InternalForwarder forwarder,
      SecurityIdentity identity,
      GatewayConfig config,
      ObjectMapper json,
      UriInfo uri,
      HttpHeaders headers,
      HttpServerRequest request) {
    this.forwarder = forwarder;
    this.identity = identity;
    this.config = config;
    this.json = json;
    this.uri = uri;
    this.headers = headers;
    this.request = request;
  }

  @GET
  @Path("{route: .*}")
  @Operation(hidden = true)
  public Uni<Response> get() {
    return forward(null);
  }

  @POST
  @Path("{route: .*}")
  @Operation(hidden = true)
  public Uni<Response> post(byte[] body) {
    return forward(body);
  }

  @PUT
  @Path("{route: .*}")
  @Operation(hidden = true)
  public Uni<Response> put(byte[] body) {
    return forward(body);
  }

  @PATCH
  @Path("{route: .*}")
  @Operation(hidden = true)
  public Uni<Response> patch(byte[] body) {
    return forward(body);
  }

  @DELETE
  @Path("{route: .*}")
  @Operation(hidden = true)
  public Uni<Response> delete() {
    return forward(null);
  }

  private Uni<Response> forward(byte[] body) {
    RouteMatch match = RouteMatch.find(RouteTable.ROUTES, request.method().name(), request.path());
    Route route = match.route();
    if (!identity.hasRole(route.role())) {
      throw new ForbiddenException();
    }
    Map<String, String> passed = new HashMap<>(Acting.headers(identity, route.role()));
    Buffer forwarded = null;
    if (route.body() != Route.Body.NONE && body != null && body.length > 0) {
      long limit =
          route.body() == Route.Body.TEXT ? config.maxImportBodyBytes() : config.maxBodyBytes();
      if (body.length > limit) {
        throw BodyLimit.tooLarge(limit);
      }
      if (route.body() == Route.Body.JSON) {
        requireJson(body);
      }
      passed.put(HttpHeaders.CONTENT_TYPE, headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
      forwarded = Buffer.buffer(body);
    }
    return forwarder.forward(
        route.service(),
        HttpMethod.valueOf(route.method()),
        match.internalPath(),
        uri.getQueryParameters(),
        passed,
        forwarded);
  }

  /** Malformed JSON is refused here, before anything (a bot token, say) travels further. */
  private void requireJson(byte[] body) {
    try {
      json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("unreadable-body", "The body is not valid JSON");
    } catch (java.io.IOException e) {
      throw ProblemException.badRequest("unreadable-body", "The body could not be read");
    }
  }
}
