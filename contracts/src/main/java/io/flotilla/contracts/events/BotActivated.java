package io.flotilla.contracts.events;

/** A bot may serve: the fleet starts it. */
public record BotActivated(String tenantId, TenantKind tenantKind, long botId)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
