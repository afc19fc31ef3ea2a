package io.flotilla.fleet.bot;

import io.flotilla.contracts.events.TenantKind;

/**
 * A bot's decrypted credentials from the credential service. {@link #toString()} hides the token.
 */
public record BotCredentials(
    String tenantId,
    TenantKind tenantKind,
    String tenantName,
    long botId,
    String botUsername,
    String botToken,
    String status,
    int requestsPerSecond,
    int maxConcurrentRequests) {

  public boolean serving() {
    return "active".equals(status);
  }

  @Override
  public String toString() {
    return "BotCredentials[" + tenantId + ", " + botId + ", " + status + ", bot_token=***]";
  }
}
