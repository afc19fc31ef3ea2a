package io.flotilla.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Gateway settings. */
@ConfigMapping(prefix = "flotilla.gateway")
public interface GatewayConfig {

  /**
   * SHA-256 (hex) of the bootstrap admin token that {@code ./flotilla up} generated; stored once
   * when no credential with that hash exists. The token itself never reaches the gateway's config.
   */
  Optional<String> bootstrapAdminTokenSha256();

  /** Base URL of the ledger service's internal API. */
  @WithDefault("http://127.0.0.1:8084")
  String ledgerUrl();

  /** Base URL of the credential service's internal API. */
  @WithDefault("http://127.0.0.1:8081")
  String credentialUrl();

  /** Base URL of the inventory service's internal API. */
  @WithDefault("http://127.0.0.1:8083")
  String inventoryUrl();

  /** Longest time a forwarded call may take. */
  @WithDefault("30s")
  Duration forwardTimeout();
}
