package io.flotilla.credential.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Platform-wide bounds on agents' markups, used where an admin set none for the agent. */
@ConfigMapping(prefix = "flotilla.agents")
public interface AgentDefaults {

  /** Highest percent markup an agent may set, in basis points (10000 = 100 %). */
  @WithDefault("10000")
  long maxPercentBasisPoints();

  /** Highest fixed markup per item an agent may set, in minor units. */
  @WithDefault("10000000")
  long maxFixedMinor();
}
