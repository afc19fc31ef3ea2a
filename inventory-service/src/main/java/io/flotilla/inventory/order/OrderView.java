package io.flotilla.inventory.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flotilla.contracts.events.OrderPlaced;
import io.flotilla.inventory.catalog.ProductKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as its shop and the admin see it. {@code items} carries the delivered codes of a
 * completed or refunded unique-item order; lists of orders leave it out.
 */
public record OrderView(
    UUID orderId,
    String tenantId,
    String soldBy,
    long customerId,
    UUID productId,
    ProductKind productKind,
    int quantity,
    long baseUnitPrice,
    long markupPerUnit,
    long agentUnitPrice,
    long totalPrice,
    String currency,
    OrderState state,
    String releaseReason,
    String paymentId,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<DeliveredItem> items,
    Instant createdAt,
    Instant reservedUntil,
    Instant completedAt,
    Instant releasedAt,
    Instant refundedAt,
    String refundReason) {

  static OrderView of(CustomerOrder order, List<DeliveredItem> items) {
    return new OrderView(
        order.id,
        order.tenantId,
        order.soldBy,
        order.customerId,
        order.productId,
        order.productKind,
        order.quantity,
        order.baseUnitPrice,
        order.markupPerUnit,
        order.agentUnitPrice,
        order.totalPrice,
        order.currency,
        order.state,
        order.releaseReason,
        order.paymentId,
        items,
        order.createdAt,
        order.reservedUntil,
        order.completedAt,
        order.releasedAt,
        order.refundedAt,
        order.refundReason);
  }

  static OrderView summary(CustomerOrder order) {
    return of(order, null);
  }

  /** A new order just reserved, before it is paid. */
  static OrderView reserved(NewOrder order) {
    return new OrderView(
        order.orderId(),
        order.tenantId(),
        order.soldBy(),
        order.customerId(),
        order.productId(),
        order.kind(),
        order.quantity(),
        order.unitPrice().basePrice(),
        order.unitPrice().markup(),
        order.unitPrice().price(),
        order.totalPrice(),
        order.currency(),
        OrderState.RESERVED,
        null,
        null,
        List.of(),
        order.createdAt(),
        order.reservedUntil(),
        null,
        null,
        null,
        null);
  }

  /** This reserved order, paid and delivered. */
  OrderView completed(String paymentId, Instant completedAt, List<DeliveredItem> delivered) {
    return new OrderView(
        orderId,
        tenantId,
        soldBy,
        customerId,
        productId,
        productKind,
        quantity,
        baseUnitPrice,
        markupPerUnit,
        agentUnitPrice,
        totalPrice,
        currency,
        OrderState.COMPLETED,
        null,
        paymentId,
        delivered,
        createdAt,
        reservedUntil,
        completedAt,
        null,
        null,
        null);
  }

  /** The fact that this order was paid and delivered. */
  OrderPlaced placed(Instant placedAt) {
    return new OrderPlaced(
        tenantId,
        orderId.toString(),
        soldBy,
        customerId,
        productId.toString(),
        quantity,
        baseUnitPrice,
        agentUnitPrice,
        markupPerUnit,
        totalPrice,
        currency,
        placedAt);
  }
}
