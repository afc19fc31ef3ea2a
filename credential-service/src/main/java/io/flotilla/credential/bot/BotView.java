package io.flotilla.credential.bot;

import java.time.Instant;

/** A bot as the API shows it: the token masked, never whole. */
public record BotView(
    String tenantId,
    long botId,
    String username,
    String tokenHint,
    BotStatus status,
    String statusReason,
    int requestsPerSecond,
    int maxConcurrentRequests,
    Instant createdAt,
    Instant lastUsedAt) {

  public static BotView of(Bot bot) {
    return new BotView(
        bot.tenantId,
        bot.botId,
        bot.username,
        bot.tokenHint,
        bot.status,
        bot.statusReason,
        bot.requestsPerSecond,
        bot.maxConcurrentRequests,
        bot.createdAt,
        bot.lastUsedAt);
  }
}
