package io.flotilla.credential.claim;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** One-time links that make their user an owner of an agent. */
@ConfigMapping(prefix = "flotilla.claims")
public interface ClaimConfig {

  /** How long a claim link can be redeemed after an admin made it. */
  @WithDefault("7d")
  Duration validity();
}
