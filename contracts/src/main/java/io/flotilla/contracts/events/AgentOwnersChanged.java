package io.flotilla.contracts.events;

import java.util.List;

/**
 * The Telegram users who run an agent changed (set by an admin, or one more through a claim link);
 * the full list, ascending, so a consumer replaces what it had.
 */
public record AgentOwnersChanged(String tenantId, List<Long> ownerTelegramIds)
    implements DomainEvent {

  public AgentOwnersChanged {
    ownerTelegramIds = List.copyOf(ownerTelegramIds);
  }

  @Override
  public String aggregateId() {
    return tenantId;
  }
}
