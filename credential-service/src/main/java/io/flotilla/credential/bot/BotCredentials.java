package io.flotilla.credential.bot;

import io.flotilla.contracts.events.TenantKind;
import java.util.List;

/**
 * A bot's decrypted credentials, for the fleet only (internal API), with what the fleet needs to
 * run the bot: for an agent, the Telegram user ids of its owners (empty for other tenants), so the
 * bot knows who may use the agent's commands. {@link #toString()} hides the token.
 */
public record BotCredentials(
    String tenantId,
    TenantKind tenantKind,
    String tenantName,
    long botId,
    String botUsername,
    String botToken,
    BotStatus status,
    int requestsPerSecond,
    int maxConcurrentRequests,
    List<Long> ownerTelegramIds) {

  @Override
  public String toString() {
    return "BotCredentials[" + tenantId + ", " + botId + ", " + status + ", bot_token=***]";
  }
}
