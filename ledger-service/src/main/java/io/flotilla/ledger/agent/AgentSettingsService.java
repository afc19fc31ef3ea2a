package io.flotilla.ledger.agent;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.ledger.LedgerConfig;
import io.flotilla.ledger.LedgerTime;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Per-agent holding window, minimum withdrawal and payout address. */
@ApplicationScoped
public class AgentSettingsService {

  private final LedgerConfig config;
  private final Clock clock;

  public AgentSettingsService(LedgerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @WithSession
  public Uni<AgentSettingsView> find(String agentId) {
    return AgentSettings.<AgentSettings>findById(agentId).map(found -> view(agentId, found));
  }

  @WithTransaction
  public Uni<AgentSettingsView> update(
      String agentId, AgentSettingsRequest request, String adminId) {
    return AgentSettings.<AgentSettings>findById(agentId)
        .chain(
            found -> {
              AgentSettings settings = found != null ? found : newSettings(agentId);
              if (request.holdingWindowSeconds() != null) {
                settings.holdingWindowSeconds = positiveOrNull(request.holdingWindowSeconds());
              }
              if (request.minWithdrawal() != null) {
                settings.minWithdrawal = positiveOrNull(request.minWithdrawal());
              }
              if (request.payoutAddress() != null) {
                settings.payoutAddress =
                    request.payoutAddress().isBlank() ? null : request.payoutAddress();
              }
              settings.updatedAt = LedgerTime.now(clock);
              settings.updatedBy = adminId;
              return settings.<AgentSettings>persist();
            })
        .map(saved -> view(agentId, saved));
  }

  /**
   * Takes the holding window an agent was created with, unless an admin already set the agent's
   * settings. Runs inside the consumer's transaction.
   */
  public Uni<Void> agentCreated(AgentCreated created) {
    return AgentSettings.<AgentSettings>findById(created.tenantId())
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              AgentSettings settings = newSettings(created.tenantId());
              settings.holdingWindowSeconds = positiveOrNull(created.holdingWindowSeconds());
              settings.updatedAt = LedgerTime.now(clock);
              settings.updatedBy = "AgentCreated";
              return settings.persist().replaceWithVoid();
            });
  }

  private AgentSettingsView view(String agentId, AgentSettings settings) {
    Long window = settings == null ? null : settings.holdingWindowSeconds;
    Long minimum = settings == null ? null : settings.minWithdrawal;
    return new AgentSettingsView(
        agentId,
        window != null ? window : config.holdingWindow().toSeconds(),
        window == null,
        minimum != null ? minimum : config.minimumWithdrawal(),
        minimum == null,
        settings == null ? null : settings.payoutAddress,
        settings == null ? null : settings.updatedAt,
        settings == null ? null : settings.updatedBy);
  }

  private static AgentSettings newSettings(String agentId) {
    AgentSettings settings = new AgentSettings();
    settings.agentId = agentId;
    return settings;
  }

  private static Long positiveOrNull(long value) {
    return value > 0 ? value : null;
  }
}
