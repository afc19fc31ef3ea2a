package io.flotilla.contracts.events;

/** An admin suspended a bot: the fleet stops it. */
public record BotSuspended(String tenantId, long botId, String reason) implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
