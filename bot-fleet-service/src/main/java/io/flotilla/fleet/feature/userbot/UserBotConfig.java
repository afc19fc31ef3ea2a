package io.flotilla.fleet.feature.userbot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How users' own bots relay messages. */
@ConfigMapping(prefix = "flotilla.fleet.user-bots")
public interface UserBotConfig {

  /** How long the owner can still answer a relayed message with Telegram's Reply. */
  @WithDefault("P30D")
  Duration relayRetention();
}
