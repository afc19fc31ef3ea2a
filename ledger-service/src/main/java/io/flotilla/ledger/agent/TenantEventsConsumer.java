package io.flotilla.ledger.agent;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes each new agent's holding window from {@code AgentCreated}; other tenant events are not
 * money.
 */
@ApplicationScoped
public class TenantEventsConsumer {

  static final String CONSUMER = "ledger.tenant-events";

  private final IdempotentConsumer consumer;
  private final AgentSettingsService settings;

  public TenantEventsConsumer(IdempotentConsumer consumer, AgentSettingsService settings) {
    this.consumer = consumer;
    this.settings = settings;
  }

  @Incoming("tenant-events")
  public Uni<Void> on(String message) {
    return consumer.consume(
        CONSUMER,
        message,
        AgentCreated.class::isInstance,
        (envelope, event) -> settings.agentCreated((AgentCreated) event));
  }
}
