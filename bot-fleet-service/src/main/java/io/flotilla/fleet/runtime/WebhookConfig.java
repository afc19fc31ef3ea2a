package io.flotilla.fleet.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Webhook intake: Telegram pushes each bot's updates to the fleet instead of being polled. */
@ConfigMapping(prefix = "flotilla.fleet.webhook")
public interface WebhookConfig {

  /** Base URL at which Telegram reaches this fleet (https in production); unset: bots long-poll. */
  Optional<String> publicUrl();

  /**
   * The fleet secret each bot's webhook path and secret token are derived from; required with a
   * URL.
   */
  Optional<String> secret();

  /** Connections Telegram may open at once to deliver one bot's updates (1-100). */
  @WithDefault("40")
  int maxConnections();
}
