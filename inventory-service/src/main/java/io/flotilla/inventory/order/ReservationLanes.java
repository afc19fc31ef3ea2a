package io.flotilla.inventory.order;

import io.flotilla.inventory.InventoryConfig;
import io.flotilla.platform.batch.BatchLane;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One lane per product: at most one reservation transaction per product is in flight from this
 * instance, and orders that arrive meanwhile are reserved together in the next one. A hot product
 * then costs one counter-row update per batch instead of one per order, and its orders do not tie
 * up pool connections waiting for the row lock.
 */
@ApplicationScoped
public class ReservationLanes {

  private final OrderStore store;
  private final int maxBatch;
  private final Map<UUID, BatchLane<NewOrder, OrderStore.Reservation>> lanes =
      new ConcurrentHashMap<>();

  public ReservationLanes(OrderStore store, InventoryConfig config) {
    this.store = store;
    this.maxBatch = config.orders().maxReservationBatch();
  }

  Uni<OrderStore.Reservation> reserve(NewOrder order) {
    return lanes
        .computeIfAbsent(order.productId(), product -> new BatchLane<>(maxBatch, 1, store::reserve))
        .submit(order);
  }
}
