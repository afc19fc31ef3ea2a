package io.flotilla.contracts.events;

/** A bot was removed by its owner or an admin; its credentials are gone. */
public record BotRemoved(String tenantId, long botId) implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
