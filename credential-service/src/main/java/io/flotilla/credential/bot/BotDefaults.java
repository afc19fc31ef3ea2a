package io.flotilla.credential.bot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits a new bot starts with; admins change them per bot. */
@ConfigMapping(prefix = "flotilla.bots")
public interface BotDefaults {

  /** Outbound Bot API requests per second a bot may make (Telegram allows about 30). */
  @WithDefault("25")
  int requestsPerSecond();

  /** Bot API requests a bot may have in flight at once. */
  @WithDefault("10")
  int maxConcurrentRequests();

  /** How often the last token fetch of each bot is written to {@code last_used_at}. */
  @WithDefault("5s")
  Duration lastUsedFlushInterval();
}
