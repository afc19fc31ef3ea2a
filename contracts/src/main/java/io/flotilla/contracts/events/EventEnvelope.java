package io.flotilla.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The one JSON shape every event travels in. Consumers deduplicate by {@code eventId}; the payload
 * is decoded by {@code type} (see {@link EventCodec}).
 */
public record EventEnvelope(
    UUID eventId,
    String type,
    Instant occurredAt,
    String tenantId,
    String aggregateId,
    JsonNode payload) {}
