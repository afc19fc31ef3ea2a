package io.flotilla.platform.outbox;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Records events in the {@code outbox_event} table through the caller's reactive session, so the
 * event commits or rolls back together with the change it reports. Call it inside the service
 * method's transaction ({@code @WithTransaction}); {@link OutboxRelay} sends the rows to Kafka.
 */
@ApplicationScoped
public class Outbox {

  private final Clock clock;

  public Outbox(Clock clock) {
    this.clock = clock;
  }

  /**
   * The envelope is bound as text and cast in SQL: bound straight to a jsonb parameter, the driver
   * would store the JSON as one string value.
   */
  public Uni<EventEnvelope> publish(DomainEvent event) {
    EventEnvelope envelope = EventCodec.wrap(event, clock.instant());
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into outbox_event (event_id, event_type, topic, message_key,"
                            + " envelope) values (:eventId, :type, :topic, :key,"
                            + " cast(cast(:envelope as text) as jsonb))")
                    .setParameter("eventId", envelope.eventId())
                    .setParameter("type", envelope.type())
                    .setParameter("topic", EventType.of(event).topic())
                    .setParameter("key", envelope.aggregateId())
                    .setParameter("envelope", EventCodec.encode(envelope))
                    .executeUpdate())
        .replaceWith(envelope);
  }
}
