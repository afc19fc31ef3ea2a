package io.flotilla.fleet.bot;

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

  /** Bots fetched per page when the fleet loads the bots it must run at start-up. */
  @WithDefault("500")
  int bootstrapPageSize();

  /** How long handled update ids are kept for de-duplication (Telegram keeps updates 24 h). */
  @WithDefault("P2D")
  Duration processedUpdateRetention();
}
