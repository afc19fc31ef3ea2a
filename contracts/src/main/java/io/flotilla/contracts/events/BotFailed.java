package io.flotilla.contracts.events;

/** A bot can no longer serve (its token was revoked, for example); status {@code error}. */
public record BotFailed(String tenantId, long botId, String reason) implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
