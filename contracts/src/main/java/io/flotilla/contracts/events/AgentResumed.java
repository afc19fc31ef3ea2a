package io.flotilla.contracts.events;

/** A paused agent serves again. */
public record AgentResumed(String tenantId) implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
