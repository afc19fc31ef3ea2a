package io.flotilla.contracts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flotilla.contracts.ids.TimeOrderedIds;
import java.time.Instant;

/**
 * Encodes and decodes events with a mapper of its own, so the wire format does not change with any
 * service's REST settings: snake_case names, ISO-8601 instants, unknown fields ignored (a newer
 * producer may add fields).
 */
public final class EventCodec {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EventCodec() {}

  /** Wraps a fact into a new envelope with a fresh event id. */
  public static EventEnvelope wrap(DomainEvent event, Instant occurredAt) {
    EventType type = EventType.of(event);
    return new EventEnvelope(
        TimeOrderedIds.next(),
        type.typeName(),
        occurredAt,
        event.tenantId(),
        event.aggregateId(),
        MAPPER.valueToTree(event));
  }

  public static String encode(EventEnvelope envelope) {
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event cannot be encoded: " + envelope.type(), e);
    }
  }

  /**
   * Reads an envelope.
   *
   * @throws MalformedEventException when the text is not an envelope of a known type
   */
  public static EventEnvelope decode(String json) {
    EventEnvelope envelope;
    try {
      envelope = MAPPER.readValue(json, EventEnvelope.class);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("Not an event envelope: " + e.getOriginalMessage());
    }
    if (envelope.eventId() == null || envelope.type() == null || envelope.payload() == null) {
      throw new MalformedEventException("Event envelope lacks event_id, type or payload");
    }
    return envelope;
  }

  /**
   * Decodes the payload by the envelope's type.
   *
   * @throws MalformedEventException when the type is unknown or the payload does not fit it
   */
  public static DomainEvent payload(EventEnvelope envelope) {
    EventType type =
        EventType.byName(envelope.type())
            .orElseThrow(
                () -> new MalformedEventException("Unknown event type " + envelope.type()));
    try {
      return MAPPER.treeToValue(envelope.payload(), type.payloadType());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedEventException(
          "Payload does not fit " + envelope.type() + ": " + e.getMessage());
    }
  }

  /** Thrown for messages no retry can fix; consumers send them to the dead-letter topic. */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }
  }
}
