package io.flotilla.fleet.runtime;

import io.flotilla.contracts.events.TenantKind;
import java.util.List;

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
    int maxConcurrentRequests,
    List<Long> ownerTelegramIds) {

  public BotCredentials {
    ownerTelegramIds = ownerTelegramIds == null ? List.of() : List.copyOf(ownerTelegramIds);
  }

  public boolean serving() {
    return "active".equals(status);
  }

  @Override
  public String toString() {
    return "BotCredentials[" + tenantId + ", " + botId + ", " + status + ", bot_token=***]";
  }
}
