package io.flotilla.contracts.events;

/** A bot's outbound limits changed; the fleet applies them without a restart. */
public record BotRateLimitChanged(
    String tenantId, long botId, int requestsPerSecond, int maxConcurrentRequests)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
