package io.flotilla.gateway.forward;

import io.flotilla.gateway.forward.InternalForwarder.Service;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One admin's call to a forwarded route: carries the admin's id and the caller's query string and
 * content type to the internal endpoint.
 */
@RequestScoped
public class AdminCall {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_:-]{1,64}");

  private final InternalForwarder forwarder;
  private final SecurityIdentity identity;
  private final UriInfo uri;
  private final HttpHeaders headers;

  public AdminCall(
      InternalForwarder forwarder, SecurityIdentity identity, UriInfo uri, HttpHeaders headers) {
    this.forwarder = forwarder;
    this.identity = identity;
    this.uri = uri;
    this.headers = headers;
  }

  /**
   * A path parameter as one safe path segment of the internal URL: ids are letters, digits, {@code
   * _}, {@code -} and {@code :} (a user's tenant is {@code user:<id>}), so nothing a caller sends
   * can step to another internal path.
   */
  public static String segment(String name, String value) {
    if (value == null || !SEGMENT.matcher(value).matches()) {
      throw ProblemException.invalidField(name, "must be 1-64 letters, digits, _, - or :");
    }
    return value;
  }

  public Uni<Response> get(Service service, String internalPath) {
    return send(service, HttpMethod.GET, internalPath, null);
  }

  public Uni<Response> send(Service service, HttpMethod method, String internalPath, byte[] body) {
    Map<String, String> passed = new HashMap<>();
    passed.put(InternalForwarder.ADMIN_HEADER, identity.getPrincipal().getName());
    if (body != null) {
      passed.put(HttpHeaders.CONTENT_TYPE, headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }
    return forwarder.forward(
        service,
        method,
        internalPath,
        uri.getQueryParameters(),
        passed,
        body == null ? null : Buffer.buffer(body));
  }
}
