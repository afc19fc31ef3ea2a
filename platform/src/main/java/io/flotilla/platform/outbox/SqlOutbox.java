package io.flotilla.platform.outbox;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The {@link Outbox} for code that writes through the reactive SQL client instead of a Hibernate
 * session: records events in {@code outbox_event} on the caller's connection, so they commit with
 * the transaction of the change they report. {@link OutboxRelay} sends them on.
 */
@ApplicationScoped
public class SqlOutbox {

  private static final String INSERT =
      """
      insert into outbox_event (event_id, event_type, topic, message_key, envelope)
      select event_id, event_type, topic, message_key, envelope::jsonb
        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
                 as e(event_id, event_type, topic, message_key, envelope)
      """;

  private final Clock clock;

  public SqlOutbox(Clock clock) {
    this.clock = clock;
  }

  public Uni<Void> publish(SqlConnection connection, DomainEvent event) {
    return publish(connection, List.of(event));
  }

  /** Records the events in one statement. */
  public Uni<Void> publish(SqlConnection connection, List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int size = events.size();
    UUID[] ids = new UUID[size];
    String[] types = new String[size];
    String[] topics = new String[size];
    String[] keys = new String[size];
    String[] envelopes = new String[size];
    for (int i = 0; i < size; i++) {
      DomainEvent event = events.get(i);
      EventEnvelope envelope = EventCodec.wrap(event, clock.instant());
      ids[i] = envelope.eventId();
      types[i] = envelope.type();
      topics[i] = EventType.of(event).topic();
      keys[i] = envelope.aggregateId();
      envelopes[i] = EventCodec.encode(envelope);
    }
    return connection
        .preparedQuery(INSERT)
        .execute(Tuple.of(ids, types, topics, keys, envelopes))
        .replaceWithVoid();
  }
}
