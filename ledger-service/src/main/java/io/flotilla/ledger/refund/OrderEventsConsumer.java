package io.flotilla.ledger.refund;

import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.platform.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies {@code OrderRefunded}. {@code OrderPlaced} needs nothing here: the order was charged
 * synchronously before inventory-service published it, so it is skipped without a transaction (it
 * is by far the most frequent event on the topic).
 *
 * <p>The refund posts on the ledger's SQL connection, not in the consumer's Hibernate transaction;
 * it stays exactly-once because a refund is itself unique per order (the payment's status under its
 * row lock, and the {@code transfer_once} constraint), so a redelivery whose event id was not
 * recorded finds the order refunded and changes nothing.
 */
@ApplicationScoped
public class OrderEventsConsumer {

  static final String CONSUMER = "ledger.order-events";

  private final IdempotentConsumer consumer;
  private final RefundService refunds;

  public OrderEventsConsumer(IdempotentConsumer consumer, RefundService refunds) {
    this.consumer = consumer;
    this.refunds = refunds;
  }

  @Incoming("order-events")
  public Uni<Void> on(String message) {
    return consumer.consume(
        CONSUMER,
        message,
        OrderRefunded.class::isInstance,
        (envelope, event) -> refunds.refund((OrderRefunded) event));
  }
}
