package io.flotilla.credential.bot;

import io.flotilla.contracts.events.TenantKind;
import java.time.Instant;

/** A bot as the API shows it: the token masked, never whole. */
public record BotView(
    String tenantId,
    TenantKind tenantKind,
    long botId,
    String username,
    String tokenHint,
    BotStatus status,
    String statusReason,
    int requestsPerSecond,
    int maxConcurrentRequests,
    Instant createdAt,
    Instant updatedAt,
    Instant lastUsedAt) {

  public static BotView of(Bot bot, TenantKind tenantKind) {
    return new BotView(
        bot.tenantId,
        tenantKind,
        bot.botId,
        bot.username,
        bot.tokenHint,
        bot.status,
        bot.statusReason,
        bot.requestsPerSecond,
        bot.maxConcurrentRequests,
        bot.createdAt,
        bot.updatedAt,
        bot.lastUsedAt);
  }
}
