package io.flotilla.contracts.events;

import io.flotilla.contracts.money.Markup;

/** An agent's markup or the admin's bounds on it changed. */
public record AgentPricingChanged(
    String tenantId, Markup markup, long maxPercentBasisPoints, long maxFixedMinor)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
