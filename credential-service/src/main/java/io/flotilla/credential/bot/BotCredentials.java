package io.flotilla.credential.bot;

import io.flotilla.contracts.events.TenantKind;

/**
 * A bot's decrypted credentials, for the fleet only (internal API). {@link #toString()} hides the
 * token.
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
    int maxConcurrentRequests) {

  @Override
  public String toString() {
    return "BotCredentials[" + tenantId + ", " + botId + ", " + status + ", bot_token=***]";
  }
}
