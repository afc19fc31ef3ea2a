package io.flotilla.gateway.auth;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <api token>}, or else the web session cookie; the identity
 * providers decide who it is.
 */
@ApplicationScoped
public class ApiTokenAuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final String BEARER = "Bearer ";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String header = context.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      Cookie session = context.request().getCookie(SessionCookies.SESSION);
      if (session == null || session.getValue().isBlank()) {
        return Uni.createFrom().nullItem();
      }
      HttpMethod method = context.request().method();
      boolean writes =
          !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
      return identityProviderManager.authenticate(
          new SessionAuthenticationRequest(
              session.getValue(), context.request().getHeader(SessionCookies.CSRF_HEADER), writes));
    }
    String token = header.substring(BEARER.length()).strip();
    return identityProviderManager.authenticate(
        new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class, SessionAuthenticationRequest.class);
  }
}
