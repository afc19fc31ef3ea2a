package io.flotilla.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.contracts.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How long a consumer keeps trying an event, and when it gives up on it. */
class ConsumerRetryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final EventEnvelope ENVELOPE =
      new EventEnvelope(UUID.randomUUID(), "AgentPaused", Instant.now(), "t-1", "t-1", null);

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger attempts = new AtomicInteger();

  /** Fails the first {@code failures} attempts with {@code failure}, then succeeds. */
  private Uni<Void> failing(int failures, RuntimeException failure) {
    return Uni.createFrom()
        .deferred(
            () ->
                attempts.incrementAndGet() <= failures
                    ? Uni.createFrom().failure(failure)
                    : Uni.createFrom().voidItem());
  }

  private Uni<Void> withRetries(Uni<Void> attempt) {
    return IdempotentConsumer.withRetries("test.consumer", ENVELOPE, attempt, config(), registry);
  }

  private double deadLettered() {
    return registry.counter("flotilla.consumer.dead.lettered", "consumer", "test.consumer").count();
  }

  @Test
  void anEventIsTriedUntilTheDatabaseIsBackHoweverLongThatTakes() {
    PgException restarting =
        new PgException(
            "terminating connection due to administrator command", "FATAL", "57P01", null);

    withRetries(failing(12, restarting)).await().atMost(WAIT);

    assertThat(attempts).hasValue(13);
    assertThat(deadLettered()).isZero();
  }

  @Test
  void aClosedPoolAtShutdownNeverSendsTheEventToTheDeadLetterTopic() {
    withRetries(failing(8, new IllegalStateException("Pool closed"))).await().atMost(WAIT);

    assertThat(attempts).hasValue(9);
    assertThat(deadLettered()).isZero();
  }

  @Test
  void aFailureAboutTheEventIsTriedAFewTimesThenDeadLettered() {
    Uni<Void> refused = failing(Integer.MAX_VALUE, new IllegalStateException("figures differ"));

    assertThatThrownBy(() -> withRetries(refused).await().atMost(WAIT))
        .hasMessage("figures differ");
    assertThat(attempts).hasValue(3);
    assertThat(deadLettered()).isEqualTo(1);
  }

  private static MessagingConfig config() {
    return new MessagingConfig() {
      @Override
      public Optional<String> topicPrefix() {
        return Optional.empty();
      }

      @Override
      public Duration relayInterval() {
        return Duration.ofSeconds(1);
      }

      @Override
      public int relayBatchSize() {
        return 200;
      }

      @Override
      public Duration relayAckTimeout() {
        return Duration.ofSeconds(15);
      }

      @Override
      public Duration sentRetention() {
        return Duration.ofDays(7);
      }

      @Override
      public int consumerMaxAttempts() {
        return 3;
      }

      @Override
      public Duration consumerInitialBackoff() {
        return Duration.ofMillis(1);
      }

      @Override
      public Duration consumerMaxBackoff() {
        return Duration.ofMillis(5);
      }
    };
  }
}
