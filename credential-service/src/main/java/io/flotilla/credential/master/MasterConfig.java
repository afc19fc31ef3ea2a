package io.flotilla.credential.master;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The master shop tenant. */
@ConfigMapping(prefix = "flotilla.master")
public interface MasterConfig {

  /** The master shop's display name, stored when its bot is first registered. */
  @WithDefault("Flotilla")
  String name();
}
