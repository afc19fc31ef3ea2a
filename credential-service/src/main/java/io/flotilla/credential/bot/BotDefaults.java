package io.flotilla.credential.bot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits a new bot starts with; admins change them per bot. */
@ConfigMapping(prefix = "flotilla.bots")
public interface BotDefaults {

  /** Outbound Bot API requests per second a bot may make (Telegram allows about 30). */
  @WithDefault("25")
  int requestsPerSecond();

  /** Bot API requests a bot may have in flight at once. */
  @WithDefault("10")
  int maxConcurrentRequests();
}
