package io.flotilla.inventory.order;

import io.flotilla.contracts.events.OrderRefunded;
import io.flotilla.inventory.AdminActor;
import io.flotilla.inventory.catalog.ProductKind;
import io.flotilla.inventory.ledger.Payment;
import io.flotilla.inventory.stock.ItemState;
import io.flotilla.inventory.stock.StockItem;
import io.flotilla.platform.outbox.Outbox;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Settles paid orders: completion, refunds and defective items. Each change commits together with
 * the event that reports it (outbox), and each is a conditional state change, so a request, its
 * replay and the recovery job can race without selling, refunding or publishing twice.
 */
@ApplicationScoped
public class OrderSettlement {

  /** Refund reason of a payment that reached the ledger after its reservation was released. */
  static final String PAID_AFTER_RELEASE = "payment-after-release";

  private final Outbox outbox;
  private final Clock clock;

  public OrderSettlement(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Marks a paid order completed, its items sold, and publishes OrderPlaced. An order completed
   * before is returned as it is. A payment for an order that was released meanwhile (it reached the
   * ledger after the reservation expired) is refunded at once: the stock is gone, and the customer
   * gets the money back through OrderRefunded.
   */
  @WithTransaction
  public Uni<OrderView> complete(UUID orderId, Payment payment) {
    Instant now = clock.instant();
    return CustomerOrder.update(
            "state = ?1, paymentId = ?2, completedAt = ?3 where id = ?4 and state = ?5",
            OrderState.COMPLETED,
            payment.paymentId(),
            now,
            orderId,
            OrderState.RESERVED)
        .chain(
            completed ->
                completed == 1
                    ? StockItem.update(
                            "state = ?1 where orderId = ?2 and state = ?3",
                            ItemState.SOLD,
                            orderId,
                            ItemState.RESERVED)
                        .chain(() -> existing(orderId))
                        .call(order -> outbox.publish(OrderView.summary(order).placed(now)))
                    : existing(orderId)
                        .chain(
                            order ->
                                order.state == OrderState.RELEASED
                                    ? refundPaidAfterRelease(order, payment, now)
                                    : Uni.createFrom().item(order)))
        .chain(OrderSettlement::view);
  }

  /**
   * Refunds a completed order once and publishes OrderRefunded. Delivered items stay out of stock.
   *
   * @throws ProblemException 404 unknown order, 409 {@code already-refunded} or {@code
   *     order-not-refundable}
   */
  @WithTransaction
  public Uni<OrderView> refund(UUID orderId, String reason, String adminId) {
    Instant now = clock.instant();
    return CustomerOrder.update(
            "state = ?1, refundedAt = ?2, refundReason = ?3, refundedBy = ?4"
                + " where id = ?5 and state = ?6",
            OrderState.REFUNDED,
            now,
            reason,
            adminId,
            orderId,
            OrderState.COMPLETED)
        .chain(
            refunded ->
                existing(orderId)
                    .invoke(
                        order -> {
                          if (refunded == 0) {
                            throw notRefundable(order);
                          }
                        }))
        .call(order -> outbox.publish(refunded(order, reason, now)))
        .chain(OrderSettlement::view);
  }

  /**
   * Retires delivered items an admin found defective, so they are never sold again.
   *
   * @throws ProblemException 404 unknown order, 409 {@code order-not-delivered}, 422 {@code
   *     item-not-in-order}
   */
  @WithTransaction
  public Uni<OrderView> retireDefective(UUID orderId, List<Long> itemIds) {
    Instant now = clock.instant();
    return existing(orderId)
        .chain(
            order -> {
              if (order.completedAt == null) {
                throw ProblemException.conflict(
                    "order-not-delivered", "Order " + orderId + " has no delivered items");
              }
              return StockItem.<StockItem>list("orderId = ?1 and id in ?2", orderId, itemIds)
                  .map(
                      items -> {
                        if (items.size() != itemIds.stream().distinct().count()) {
                          throw ProblemException.unprocessable(
                              "item-not-in-order",
                              "Some of the items were not delivered with order " + orderId);
                        }
                        for (StockItem item : items) {
                          if (item.state == ItemState.SOLD) {
                            item.state = ItemState.RETIRED;
                            item.retiredAt = now;
                          }
                        }
                        return order;
                      });
            })
        .call(() -> Panache.getSession().chain(session -> session.flush()))
        .chain(OrderSettlement::view);
  }

  @WithSession
  public Uni<OrderView> find(UUID orderId) {
    return existing(orderId).chain(OrderSettlement::view);
  }

  private Uni<CustomerOrder> refundPaidAfterRelease(
      CustomerOrder order, Payment payment, Instant now) {
    order.state = OrderState.REFUNDED;
    order.paymentId = payment.paymentId();
    order.refundedAt = now;
    order.refundReason = PAID_AFTER_RELEASE;
    order.refundedBy = AdminActor.SYSTEM;
    order.recheckAt = null;
    return outbox.publish(refunded(order, PAID_AFTER_RELEASE, now)).replaceWith(order);
  }

  private static ProblemException notRefundable(CustomerOrder order) {
    return order.state == OrderState.REFUNDED
        ? ProblemException.conflict("already-refunded", "Order " + order.id + " is refunded")
        : ProblemException.conflict(
            "order-not-refundable",
            "Order " + order.id + " is " + order.state.name().toLowerCase() + ", not completed");
  }

  static Uni<CustomerOrder> existing(UUID orderId) {
    return CustomerOrder.<CustomerOrder>findById(orderId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No order " + orderId));
  }

  /** The order with its items; reads inside the caller's session. */
  static Uni<OrderView> view(CustomerOrder order) {
    boolean delivered = order.state == OrderState.COMPLETED || order.state == OrderState.REFUNDED;
    if (order.productKind != ProductKind.UNIQUE || !delivered || order.completedAt == null) {
      return Uni.createFrom().item(OrderView.of(order, List.of()));
    }
    return StockItem.<StockItem>list("orderId = ?1 order by id", order.id)
        .map(items -> OrderView.of(order, items.stream().map(DeliveredItem::of).toList()));
  }

  private static OrderRefunded refunded(CustomerOrder order, String reason, Instant now) {
    return new OrderRefunded(
        order.tenantId,
        order.id.toString(),
        order.soldBy,
        order.customerId,
        order.totalPrice,
        order.markupTotal(),
        order.currency,
        reason,
        now);
  }
}
