package io.flotilla.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

  @Test
  void roundTripKeepsTypeKeyAndPayload() {
    AgentCreated created =
        new AgentCreated(
            "agent-7",
            "Seven",
            123456789L,
            "seven_bot",
            new Markup(MarkupKind.PERCENT, 1500),
            3600);

    String json = EventCodec.encode(EventCodec.wrap(created, NOW));
    EventEnvelope decoded = EventCodec.decode(json);

    assertThat(json).contains("\"event_id\"", "\"aggregate_id\":\"agent-7\"", "\"bot_username\"");
    assertThat(decoded.type()).isEqualTo("AgentCreated");
    assertThat(decoded.occurredAt()).isEqualTo(NOW);
    assertThat(EventCodec.payload(decoded)).isEqualTo(created);
  }

  @Test
  void ownersAndPlatformAdminsTravelAsFullListsOnTheTenantTopic() {
    AgentOwnersChanged owners = new AgentOwnersChanged("agent-7", List.of(11L, 4_000_000_001L));
    PlatformAdminsChanged admins = new PlatformAdminsChanged(List.of(5L, 6L));

    EventEnvelope ownersEnvelope =
        EventCodec.decode(EventCodec.encode(EventCodec.wrap(owners, NOW)));
    EventEnvelope adminsEnvelope =
        EventCodec.decode(EventCodec.encode(EventCodec.wrap(admins, NOW)));

    assertThat(ownersEnvelope.payload().path("owner_telegram_ids").get(1).asLong())
        .isEqualTo(4_000_000_001L);
    assertThat(EventCodec.payload(ownersEnvelope)).isEqualTo(owners);
    assertThat(ownersEnvelope.aggregateId()).isEqualTo("agent-7");
    assertThat(adminsEnvelope.payload().path("telegram_ids")).hasSize(2);
    assertThat(EventCodec.payload(adminsEnvelope)).isEqualTo(admins);
    assertThat(adminsEnvelope.aggregateId()).isEqualTo("platform");
    assertThat(adminsEnvelope.tenantId()).isEqualTo("master");
    assertThat(EventType.of(owners).topic()).isEqualTo(Topics.TENANTS);
    assertThat(EventType.of(admins).topic()).isEqualTo(Topics.TENANTS);
  }

  @Test
  void aListPayloadWithoutItsListIsMalformed() {
    String envelope =
        "{\"event_id\":\"6f1c1f5e-8f7e-4a43-9d0e-1a2b3c4d5e6f\",\"type\":\"PlatformAdminsChanged\","
            + "\"payload\":{}}";
    assertThatThrownBy(() -> EventCodec.payload(EventCodec.decode(envelope)))
        .isInstanceOf(EventCodec.MalformedEventException.class);
  }

  @Test
  void everyEventTypeHasItsOwnNameAndATopic() {
    assertThat(Arrays.stream(EventType.values()).map(EventType::typeName).distinct())
        .hasSize(EventType.values().length);
    assertThat(EventType.values())
        .allSatisfy(type -> assertThat(type.topic()).startsWith("flotilla."));
  }

  @Test
  void eachWrapGetsAFreshEventId() {
    AgentPaused paused = new AgentPaused("agent-1", "fraud check");
    assertThat(EventCodec.wrap(paused, NOW).eventId())
        .isNotEqualTo(EventCodec.wrap(paused, NOW).eventId());
  }

  @Test
  void unknownTypeAndGarbageAreMalformed() {
    String unknown =
        "{\"event_id\":\"6f1c1f5e-8f7e-4a43-9d0e-1a2b3c4d5e6f\",\"type\":\"Nope\",\"payload\":{}}";
    assertThatThrownBy(() -> EventCodec.payload(EventCodec.decode(unknown)))
        .isInstanceOf(EventCodec.MalformedEventException.class)
        .hasMessageContaining("Nope");
    assertThatThrownBy(() -> EventCodec.decode("not json"))
        .isInstanceOf(EventCodec.MalformedEventException.class);
    assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"AgentPaused\"}"))
        .isInstanceOf(EventCodec.MalformedEventException.class);
  }
}
