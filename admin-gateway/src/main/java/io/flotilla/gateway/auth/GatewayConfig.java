package io.flotilla.gateway.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Gateway settings. */
@ConfigMapping(prefix = "flotilla.gateway")
public interface GatewayConfig {

  /**
   * SHA-256 (hex) of the bootstrap admin token that {@code ./flotilla up} generated; stored once
   * when no credential with that hash exists. The token itself never reaches the gateway's config.
   */
  Optional<String> bootstrapAdminTokenSha256();
}
