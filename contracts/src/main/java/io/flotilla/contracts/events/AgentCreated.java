package io.flotilla.contracts.events;

import io.flotilla.contracts.money.Markup;

/** A reseller was created with a clone shop bot, active at once. */
public record AgentCreated(
    String tenantId,
    String name,
    long botId,
    String botUsername,
    Markup markup,
    long holdingWindowSeconds)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
