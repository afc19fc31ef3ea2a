package io.flotilla.fleet.bot;

import io.flotilla.contracts.events.TenantKind;
import java.util.Set;

/** What a handler may know about the bot an update arrived at; nothing secret. */
public record BotInfo(
    String tenantId,
    TenantKind kind,
    String shopName,
    long botId,
    String username,
    Set<Long> ownerTelegramIds) {

  public BotInfo {
    ownerTelegramIds = Set.copyOf(ownerTelegramIds);
  }
}
