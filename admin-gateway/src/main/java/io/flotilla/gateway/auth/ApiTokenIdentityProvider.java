package io.flotilla.gateway.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks an API token up by its hash; revoked and unknown tokens are refused alike. A personal token
 * carries its owner's Telegram id and tenant.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

  private final Pool pool;

  public ApiTokenIdentityProvider(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    byte[] hash = ApiTokens.sha256(request.getToken().getToken());
    return pool.preparedQuery(
            "select id, role, tenant_id, owner_telegram_id from api_credential"
                + " where token_sha256 = $1 and revoked_at is null")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .map(
            rows -> {
              if (rows.rowCount() == 0) {
                throw new AuthenticationFailedException("Unknown or revoked API token");
              }
              Row row = rows.iterator().next();
              QuarkusSecurityIdentity.Builder identity =
                  QuarkusSecurityIdentity.builder()
                      .setPrincipal(new QuarkusPrincipal(row.getString("id")))
                      .addRole(row.getString("role"));
              String tenant = row.getString("tenant_id");
              if (tenant != null) {
                identity.addAttribute(Identities.TENANT_ATTRIBUTE, tenant);
              }
              Long owner = row.getLong("owner_telegram_id");
              if (owner != null) {
                identity.addAttribute(Identities.TELEGRAM_ID_ATTRIBUTE, owner);
              }
              return identity.build();
            });
  }
}
