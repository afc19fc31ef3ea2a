package io.flotilla.fleet.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the fleet runs bots. */
@ConfigMapping(prefix = "flotilla.fleet")
public interface FleetConfig {

  /** Server-side long-poll timeout of getUpdates (Telegram allows up to 50 s). */
  @WithDefault("25s")
  Duration longPollTimeout();

  /** Time a long poll may take beyond its server-side timeout before it counts as failed. */
  @WithDefault("10s")
  Duration requestSlack();

  /** First wait after a failed poll; doubles up to {@link #maxPollBackoff()}. */
  @WithDefault("1s")
  Duration initialPollBackoff();

  /** Longest wait between failed polls. */
  @WithDefault("30s")
  Duration maxPollBackoff();

  /** Bots fetched per page when the fleet compares what runs with what should run. */
  @WithDefault("500")
  int bootstrapPageSize();

  /** How often the fleet repairs what events missed: starts bots that should run, stops others. */
  @WithDefault("60s")
  Duration reconcileEvery();

  /** Bots started (credentials fetched, commands published) at the same time. */
  @WithDefault("16")
  int maxConcurrentStarts();

  /** First wait before trying a bot again whose start failed; doubles up to a minute. */
  @WithDefault("1s")
  Duration startRetryBackoff();
}
