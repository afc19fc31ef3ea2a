package io.flotilla.contracts.events;

/** An admin paused an agent: its bot stops serving and it takes no new orders. */
public record AgentPaused(String tenantId, String reason) implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
