package io.flotilla.fleet.tenant;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.AgentOwnersChanged;
import io.flotilla.contracts.events.AgentPaused;
import io.flotilla.contracts.events.AgentResumed;
import io.flotilla.contracts.events.BotActivated;
import io.flotilla.contracts.events.BotFailed;
import io.flotilla.contracts.events.BotRateLimitChanged;
import io.flotilla.contracts.events.BotRemoved;
import io.flotilla.contracts.events.BotSuspended;
import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.fleet.dispatch.PlatformAdmins;
import io.flotilla.fleet.runtime.BotSupervisor;
import io.flotilla.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tenant events nudge the supervisor to look at a tenant's bot again. Nothing here calls another
 * service: the supervisor fetches and starts outside this consumer's transaction, and retries on
 * its own, so a credential service that is down cannot dead-letter an event or stall the topic.
 */
@ApplicationScoped
public class TenantEventsConsumer {

  static final String CONSUMER = "fleet.tenant-events";

  private final IdempotentConsumer consumer;
  private final BotSupervisor supervisor;
  private final PlatformAdmins admins;

  public TenantEventsConsumer(
      IdempotentConsumer consumer, BotSupervisor supervisor, PlatformAdmins admins) {
    this.consumer = consumer;
    this.supervisor = supervisor;
    this.admins = admins;
  }

  @Incoming("tenant-events")
  public Uni<Void> on(String message) {
    return consumer.consume(CONSUMER, message, TenantEventsConsumer::concernsBots, this::apply);
  }

  private static boolean concernsBots(DomainEvent event) {
    return tenantOf(event) != null;
  }

  private Uni<Void> apply(io.flotilla.contracts.events.EventEnvelope envelope, DomainEvent event) {
    supervisor.nudge(tenantOf(event));
    return Uni.createFrom().voidItem();
  }

  private static String tenantOf(DomainEvent event) {
    return switch (event) {
      case AgentCreated e -> e.tenantId();
      case AgentPaused e -> e.tenantId();
      case AgentResumed e -> e.tenantId();
      case BotActivated e -> e.tenantId();
      case BotSuspended e -> e.tenantId();
      case BotRemoved e -> e.tenantId();
      case BotFailed e -> e.tenantId();
      case BotRateLimitChanged e -> e.tenantId();
      case AgentOwnersChanged e -> e.tenantId();
      default -> null;
    };
  }
}
