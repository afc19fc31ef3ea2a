package io.flotilla.inventory.order;

import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.events.EventCodec;
import io.flotilla.contracts.events.EventEnvelope;
import io.flotilla.contracts.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as a row of the platform's {@code outbox_event} table, for the one statement that
 * completes an order on the hot path and must record OrderPlaced in the same transaction without a
 * Hibernate session. Same columns and envelope as {@code io.flotilla.platform.outbox.Outbox}; the
 * platform's relay sends it like any other row.
 */
record OutboxRow(UUID eventId, String type, String topic, String messageKey, String envelope) {

  static OutboxRow of(DomainEvent event, Instant occurredAt) {
    EventEnvelope envelope = EventCodec.wrap(event, occurredAt);
    return new OutboxRow(
        envelope.eventId(),
        envelope.type(),
        EventType.of(event).topic(),
        envelope.aggregateId(),
        EventCodec.encode(envelope));
  }
}
