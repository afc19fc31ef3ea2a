package io.flotilla.platform.messaging;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventCodec.MalformedEventException;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.platform.persistence.DatabaseErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Applies an event at most once per consumer: the event id is inserted into {@code processed_event}
 * in the same transaction as the consumer's effect, so a redelivered event finds its id and is
 * skipped, and a failed effect leaves no id behind. A database out of reach is waited for; other
 * failures are retried with backoff, and after the last attempt the failure propagates and the
 * channel's dead-letter strategy takes the message. Malformed messages are not retried. Events a
 * consumer does not act on are acknowledged without a transaction: there is no effect to apply
 * once, so there is nothing to record.
 */
@ApplicationScoped
public class IdempotentConsumer {

  private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

  private final MessagingConfig config;
  private final MeterRegistry registry;

  public IdempotentConsumer(MessagingConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  /**
   * @param consumer a stable name for the consuming feature, e.g. {@code fleet.tenant-events}
   * @param message the raw envelope JSON from Kafka
   * @param effect what the event does, run inside the transaction that records it
   */
  public Uni<Void> consume(
      String consumer, String message, BiFunction<EventEnvelope, DomainEvent, Uni<Void>> effect) {
    return consume(consumer, message, event -> true, effect);
  }

  /**
   * @param consumer a stable name for the consuming feature, e.g. {@code fleet.tenant-events}
   * @param message the raw envelope JSON from Kafka
   * @param relevant the events the consumer acts on; others are skipped without touching the
   *     database (a topic carries events for every consumer, most of them of no concern to one)
   * @param effect what a relevant event does, run inside the transaction that records it
   */
  public Uni<Void> consume(
      String consumer,
      String message,
      Predicate<DomainEvent> relevant,
      BiFunction<EventEnvelope, DomainEvent, Uni<Void>> effect) {
    EventEnvelope envelope;
    DomainEvent event;
    try {
      envelope = EventCodec.decode(message);
      event = EventCodec.payload(envelope);
    } catch (MalformedEventException e) {
      registry.counter("flotilla.consumer.malformed", "consumer", consumer).increment();
      LOG.errorf(
          "%s sends a malformed message to the dead-letter topic: %s", consumer, e.getMessage());
      return Uni.createFrom().failure(e);
    }
    if (!relevant.test(event)) {
      registry.counter("flotilla.consumer.skipped", "consumer", consumer).increment();
      return Uni.createFrom().voidItem();
    }
    return withRetries(
        consumer,
        envelope,
        Uni.createFrom().deferred(() -> applyOnce(consumer, envelope, event, effect)),
        config,
        registry);
  }

  /**
   * While the database is out of reach the event is tried again for as long as it takes, never
   * dead-lettered: it stays unacknowledged, so a service stopped meanwhile gets it again after the
   * restart. Any other failure is tried {@code consumer-max-attempts} times, then dead-lettered.
   */
  static Uni<Void> withRetries(
      String consumer,
      EventEnvelope envelope,
      Uni<Void> attempt,
      MessagingConfig config,
      MeterRegistry registry) {
    Duration initial = config.consumerInitialBackoff();
    return attempt
        .onFailure(DatabaseErrors::isTransient)
        .invoke(
            failure ->
                LOG.warnf(
                    "%s waits for the database to apply %s %s: %s",
                    consumer, envelope.type(), envelope.eventId(), failure.toString()))
        .onFailure(DatabaseErrors::isTransient)
        .retry()
        .withBackOff(initial, config.consumerMaxBackoff())
        .indefinitely()
        .onFailure(failure -> !(failure instanceof MalformedEventException))
        .retry()
        .withBackOff(initial, initial.multipliedBy(10))
        .atMost(Math.max(0, config.consumerMaxAttempts() - 1))
        .onFailure()
        .invoke(
            failure -> {
              registry.counter("flotilla.consumer.dead.lettered", "consumer", consumer).increment();
              LOG.errorf(
                  "%s gives up on %s %s: %s",
                  consumer, envelope.type(), envelope.eventId(), failure.toString());
            });
  }

  private Uni<Void> applyOnce(
      String consumer,
      EventEnvelope envelope,
      DomainEvent event,
      BiFunction<EventEnvelope, DomainEvent, Uni<Void>> effect) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "insert into processed_event (consumer, event_id) values"
                                    + " (:consumer, :eventId) on conflict do nothing")
                            .setParameter("consumer", consumer)
                            .setParameter("eventId", envelope.eventId())
                            .executeUpdate())
                .chain(
                    inserted -> {
                      if (inserted == 0) {
                        registry
                            .counter("flotilla.consumer.duplicates", "consumer", consumer)
                            .increment();
                        return Uni.createFrom().voidItem();
                      }
                      return effect.apply(envelope, event);
                    }));
  }
}
