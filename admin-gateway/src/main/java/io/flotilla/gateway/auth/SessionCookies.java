package io.flotilla.gateway.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The web session's cookies: the session itself (HttpOnly, so scripts never see it) and the CSRF
 * token the page echoes in {@code X-CSRF-Token}. Both SameSite=Strict, Secure when the request came
 * over TLS.
 */
@ApplicationScoped
public class SessionCookies {

  public static final String SESSION = "flotilla_session";
  public static final String CSRF = "flotilla_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final Clock clock;

  public SessionCookies(Clock clock) {
    this.clock = clock;
  }

  public NewCookie issued(
      String name, String value, boolean httpOnly, Instant expiresAt, HttpServerRequest request) {
    return builder(name, value, httpOnly, request)
        .maxAge((int) Duration.between(clock.instant(), expiresAt).toSeconds())
        .expiry(Date.from(expiresAt))
        .build();
  }

  public NewCookie cleared(String name, boolean httpOnly, HttpServerRequest request) {
    return builder(name, "", httpOnly, request).maxAge(0).expiry(new Date(0)).build();
  }

  private static NewCookie.Builder builder(
      String name, String value, boolean httpOnly, HttpServerRequest request) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .httpOnly(httpOnly)
        .secure(overTls(request))
        .sameSite(NewCookie.SameSite.STRICT);
  }

  private static boolean overTls(HttpServerRequest request) {
    return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
  }
}
