package io.flotilla.fleet.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the fleet hands updates to handlers. */
@ConfigMapping(prefix = "flotilla.fleet.dispatch")
public interface DispatchConfig {

  /** Chats of one bot handled at the same time (each chat stays strictly in order). */
  @WithDefault("64")
  int maxConcurrentPerBot();

  /** Chats handled at the same time across all bots of this fleet process. */
  @WithDefault("1024")
  int maxConcurrent();

  /** Updates of one bot queued or running before its poller waits to fetch more. */
  @WithDefault("500")
  int maxPendingPerBot();

  /** Updates a person may send a bot per second, on average, before flood control mutes them. */
  @WithDefault("3")
  double floodPerSecond();

  /** Updates a person may send at once (a burst) before flood control counts the rate. */
  @WithDefault("10")
  int floodBurst();

  /** How long a flooding person is ignored, after one notice. */
  @WithDefault("10s")
  Duration floodMute();

  /** A conversation step left alone this long is forgotten. */
  @WithDefault("PT30M")
  Duration conversationIdleTimeout();

  /** How long handled update ids are kept for de-duplication (Telegram keeps updates 24 h). */
  @WithDefault("P2D")
  Duration processedUpdateRetention();
}
