package io.flotilla.platform.security;

import io.flotilla.platform.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Only platform services reach {@code /internal/...}: they must present the shared service token.
 * The comparison takes the same time whatever the input, so the token cannot be guessed byte by
 * byte.
 */
public class InternalApiGuard {

  static final String INTERNAL_PREFIX = "/internal/";
  private static final String BEARER = "Bearer ";

  private final byte[] expected;

  public InternalApiGuard(ServiceAuthConfig config) {
    this.expected = config.token().getBytes(StandardCharsets.UTF_8);
  }

  @ServerRequestFilter(preMatching = true)
  public void requireServiceToken(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith(INTERNAL_PREFIX)) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    byte[] presented =
        header != null && header.startsWith(BEARER)
            ? header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(expected, presented)) {
      throw new ProblemException(
          401, "unauthenticated", "Unauthenticated", "A valid service credential is required");
    }
  }
}
