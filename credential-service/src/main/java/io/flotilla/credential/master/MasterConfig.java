package io.flotilla.credential.master;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The master shop tenant. */
@ConfigMapping(prefix = "flotilla.master")
public interface MasterConfig {

  /** The master shop's display name, stored when its bot is first registered. */
  @WithDefault("Flotilla")
  String name();

  /** The master shop bot's token ({@code FLOTILLA_MASTER_BOT_TOKEN}), registered at start-up. */
  Optional<String> botToken();

  /** How often registering the configured token is tried again while it cannot be stored. */
  @WithDefault("5s")
  Duration botTokenRetryInterval();
}
