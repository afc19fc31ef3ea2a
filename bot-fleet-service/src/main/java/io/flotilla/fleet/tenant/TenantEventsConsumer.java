package io.flotilla.fleet.tenant;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.AgentPaused;
import io.flotilla.contracts.events.AgentResumed;
import io.flotilla.contracts.events.BotActivated;
import io.flotilla.contracts.events.BotFailed;
import io.flotilla.contracts.events.BotRateLimitChanged;
import io.flotilla.contracts.events.BotRemoved;
import io.flotilla.contracts.events.BotSuspended;
import io.flotilla.contracts.events.DomainEvent;
import io.flotilla.fleet.bot.BotSupervisor;
import io.flotilla.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Starts, stops and re-limits bots as tenants change. */
@ApplicationScoped
public class TenantEventsConsumer {

  static final String CONSUMER = "fleet.tenant-events";

  private final IdempotentConsumer consumer;
  private final BotSupervisor supervisor;

  public TenantEventsConsumer(IdempotentConsumer consumer, BotSupervisor supervisor) {
    this.consumer = consumer;
    this.supervisor = supervisor;
  }

  @Incoming("tenant-events")
  public Uni<Void> on(String message) {
    return consumer.consume(CONSUMER, message, (envelope, event) -> apply(event));
  }

  private Uni<Void> apply(DomainEvent event) {
    return switch (event) {
      case AgentCreated created -> supervisor.start(created.tenantId());
      case BotActivated activated -> supervisor.start(activated.tenantId());
      case AgentResumed resumed -> supervisor.start(resumed.tenantId());
      case AgentPaused paused -> stop(paused.tenantId());
      case BotSuspended suspended -> stop(suspended.tenantId());
      case BotRemoved removed -> stop(removed.tenantId());
      case BotFailed failed -> stop(failed.tenantId());
      case BotRateLimitChanged changed -> {
        supervisor.changeRate(changed.tenantId(), changed.requestsPerSecond());
        yield Uni.createFrom().voidItem();
      }
      default -> Uni.createFrom().voidItem();
    };
  }

  private Uni<Void> stop(String tenantId) {
    supervisor.stop(tenantId);
    return Uni.createFrom().voidItem();
  }
}
