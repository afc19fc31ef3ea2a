package io.flotilla.inventory.pricing;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.AgentPaused;
import io.flotilla.contracts.events.AgentPricingChanged;
import io.flotilla.contracts.events.AgentResumed;
import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.contracts.money.Markup;
import io.flotilla.inventory.InventoryConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Keeps the local copy of agents current from tenant events. Every event creates the agent if it is
 * not known yet, so nothing is lost when events of an agent created before this service arrive in
 * an unexpected order; the admin's bounds start at the configured defaults until the first
 * AgentPricingChanged.
 */
@ApplicationScoped
public class AgentProjection {

  private final AgentRepository agents;
  private final InventoryConfig config;
  private final Clock clock;

  public AgentProjection(AgentRepository agents, InventoryConfig config, Clock clock) {
    this.agents = agents;
    this.config = config;
    this.clock = clock;
  }

  /** Whether an event changes the projection: the four agent events, not the bots' ones. */
  public static boolean concerns(DomainEvent event) {
    return event instanceof AgentCreated
        || event instanceof AgentPricingChanged
        || event instanceof AgentPaused
        || event instanceof AgentResumed;
  }

  /** Applies one event inside the consumer's transaction; other events are ignored. */
  public Uni<Void> apply(DomainEvent event) {
    return switch (event) {
      case AgentCreated created ->
          change(
              created.tenantId(),
              agent -> {
                agent.status = AgentStatus.ACTIVE;
                agent.markup(created.markup() == null ? Markup.NONE : created.markup());
              });
      case AgentPricingChanged changed ->
          change(
              changed.tenantId(),
              agent -> {
                agent.markup(changed.markup() == null ? Markup.NONE : changed.markup());
                agent.maxPercentBasisPoints = changed.maxPercentBasisPoints();
                agent.maxFixedMinor = changed.maxFixedMinor();
              });
      case AgentPaused paused ->
          change(paused.tenantId(), agent -> agent.status = AgentStatus.PAUSED);
      case AgentResumed resumed ->
          change(resumed.tenantId(), agent -> agent.status = AgentStatus.ACTIVE);
      default -> Uni.createFrom().voidItem();
    };
  }

  private Uni<Void> change(String tenantId, Consumer<Agent> update) {
    return agents
        .findById(tenantId)
        .chain(
            existing -> {
              Agent agent = existing != null ? existing : newAgent(tenantId);
              update.accept(agent);
              agent.updatedAt = clock.instant();
              return existing != null
                  ? Uni.createFrom().voidItem()
                  : agents.persist(agent).replaceWithVoid();
            });
  }

  private Agent newAgent(String tenantId) {
    Agent agent = new Agent();
    agent.tenantId = tenantId;
    agent.status = AgentStatus.ACTIVE;
    agent.markup(Markup.NONE);
    agent.maxPercentBasisPoints = config.pricing().defaultMaxPercentBasisPoints();
    agent.maxFixedMinor = config.pricing().defaultMaxFixedMinor();
    return agent;
  }
}
