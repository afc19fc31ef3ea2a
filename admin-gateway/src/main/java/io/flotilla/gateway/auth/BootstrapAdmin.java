package io.flotilla.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Stores the bootstrap admin credential that {@code ./flotilla up} generated, by hash, the first
 * time the gateway sees it, or again when the operator generated a new one. Starting again with the
 * same hash changes nothing.
 */
@ApplicationScoped
public class BootstrapAdmin {

  static final String BOOTSTRAP_ADMIN_ID = "bootstrap-admin";
  private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

  private final Pool pool;
  private final GatewayConfig config;

  public BootstrapAdmin(Pool pool, GatewayConfig config) {
    this.pool = pool;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    config
        .bootstrapAdminTokenSha256()
        .filter(hex -> !hex.isBlank())
        .ifPresent(
            hex -> {
              byte[] hash = HexFormat.of().parseHex(hex.strip().toLowerCase());
              if (hash.length != 32) {
                throw new IllegalArgumentException(
                    "flotilla.gateway.bootstrap-admin-token-sha256 must be 64 hex characters");
              }
              int stored =
                  pool.preparedQuery(
                          "insert into api_credential (id, role, token_sha256)"
                              + " values ($1, 'admin', $2) on conflict (id) do update"
                              + " set token_sha256 = excluded.token_sha256, revoked_at = null"
                              + " where api_credential.token_sha256 <> excluded.token_sha256")
                      .execute(Tuple.of(BOOTSTRAP_ADMIN_ID, Buffer.buffer(hash)))
                      .await()
                      .indefinitely()
                      .rowCount();
              if (stored == 1) {
                LOG.info("Bootstrap admin credential stored");
              }
            });
  }
}
