package io.flotilla.inventory.pricing;

import io.flotilla.inventory.order.OrderTermsCache;
import io.flotilla.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds tenant events into the agent projection, each event once. */
@ApplicationScoped
public class TenantEventsConsumer {

  static final String CONSUMER = "inventory.tenant-events";

  private final IdempotentConsumer consumer;
  private final AgentProjection projection;
  private final OrderTermsCache orderTerms;

  public TenantEventsConsumer(
      IdempotentConsumer consumer, AgentProjection projection, OrderTermsCache orderTerms) {
    this.consumer = consumer;
    this.projection = projection;
    this.orderTerms = orderTerms;
  }

  @Incoming("tenant-events")
  public Uni<Void> on(String message) {
    return consumer
        .consume(
            CONSUMER,
            message,
            AgentProjection::concerns,
            (envelope, event) -> projection.apply(event))
        .invoke(orderTerms::forget);
  }
}
