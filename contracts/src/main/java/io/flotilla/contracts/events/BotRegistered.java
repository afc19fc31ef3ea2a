package io.flotilla.contracts.events;

/** A tenant's bot token passed {@code getMe} and was stored; the bot is pending or active. */
public record BotRegistered(
    String tenantId, TenantKind tenantKind, long botId, String botUsername, String status)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
