package io.flotilla.platform.telegram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the Telegram Bot API lives and how long calls to it may take. */
@ConfigMapping(prefix = "flotilla.telegram")
public interface TelegramConfig {

  /** Base URL of the Bot API; point it at a self-hosted Bot API server or an emulator. */
  @WithDefault("https://api.telegram.org")
  String apiUrl();

  /** Time allowed for an ordinary Bot API call (long polls add their own timeout to this). */
  @WithDefault("10s")
  Duration requestTimeout();
}
