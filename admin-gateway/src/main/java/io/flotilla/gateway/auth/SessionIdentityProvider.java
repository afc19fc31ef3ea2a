package io.flotilla.gateway.auth;

import io.flotilla.gateway.signin.UserIds;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A web session by the hash of its cookie. Expired and unknown sessions are 401; a write whose
 * {@code X-CSRF-Token} is not the session's is 403, so another site cannot write with the cookie.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {

  private final Pool pool;

  public SessionIdentityProvider(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Class<SessionAuthenticationRequest> getRequestType() {
    return SessionAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      SessionAuthenticationRequest request, AuthenticationRequestContext context) {
    return pool.preparedQuery(
            "select telegram_id, role, csrf_token from web_session"
                + " where id_sha256 = $1 and expires_at > now()")
        .execute(Tuple.of(Buffer.buffer(ApiTokens.sha256(request.sessionCookie()))))
        .map(
            rows -> {
              if (rows.rowCount() == 0) {
                throw new AuthenticationFailedException("Unknown or expired session");
              }
              Row row = rows.iterator().next();
              if (request.writes()
                  && !sameToken(row.getString("csrf_token"), request.csrfHeader())) {
                throw new ProblemException(
                    403,
                    "csrf-token-mismatch",
                    "Forbidden",
                    "A write with the session cookie needs its CSRF token in X-CSRF-Token");
              }
              long telegramId = row.getLong("telegram_id");
              QuarkusSecurityIdentity.Builder identity =
                  QuarkusSecurityIdentity.builder()
                      .setPrincipal(new QuarkusPrincipal("tg:" + telegramId))
                      .addRole(Identities.USER)
                      .addAttribute(Identities.TELEGRAM_ID_ATTRIBUTE, telegramId)
                      .addAttribute(Identities.TENANT_ATTRIBUTE, UserIds.tenantOf(telegramId));
              if (Identities.ADMIN.equals(row.getString("role"))) {
                identity.addRole(Identities.ADMIN);
              }
              return identity.build();
            });
  }

  private static boolean sameToken(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
