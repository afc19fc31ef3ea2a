package io.flotilla.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How events leave through the outbox and come in through consumers. */
@ConfigMapping(prefix = "flotilla.messaging")
public interface MessagingConfig {

  /** Prepended to every topic name; lets test suites or environments share one broker. */
  Optional<String> topicPrefix();

  /** How often the relay looks for unsent outbox rows (it drains all of them on each run). */
  @WithDefault("1s")
  Duration relayInterval();

  /** Outbox rows relayed per transaction. */
  @WithDefault("200")
  int relayBatchSize();

  /** How long the relay waits for the broker to acknowledge one batch before it retries later. */
  @WithDefault("15s")
  Duration relayAckTimeout();

  /** How long relayed outbox rows are kept before they are deleted. */
  @WithDefault("P7D")
  Duration sentRetention();

  /** Attempts a consumer makes on one event before it goes to the dead-letter topic. */
  @WithDefault("5")
  int consumerMaxAttempts();

  /** Backoff before the first consumer retry; doubles up to ten times this value. */
  @WithDefault("200ms")
  Duration consumerInitialBackoff();

  /**
   * Longest wait between attempts while the database is out of reach; such an event is tried until
   * it can be applied, never dead-lettered.
   */
  @WithDefault("10s")
  Duration consumerMaxBackoff();

  default String topic(String name) {
    return topicPrefix().orElse("") + name;
  }
}
