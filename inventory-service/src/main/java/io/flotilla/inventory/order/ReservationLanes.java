package io.flotilla.inventory.order;

import io.flotilla.inventory.InventoryConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One lane per product: at most one reservation transaction per product is in flight from this
 * instance, and orders that arrive meanwhile are reserved together in the next one. A hot product
 * then costs one counter-row update per batch instead of one per order, and its orders do not tie
 * up pool connections waiting for the row lock. With no contention a batch is a single order, so
 * nothing waits for a timer.
 */
@ApplicationScoped
public class ReservationLanes {

  private final OrderStore store;
  private final int maxBatch;
  private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();

  public ReservationLanes(OrderStore store, InventoryConfig config) {
    this.store = store;
    this.maxBatch = config.orders().maxReservationBatch();
  }

  Uni<OrderStore.Reservation> reserve(NewOrder order) {
    return Uni.createFrom()
        .emitter(
            emitter ->
                lanes
                    .computeIfAbsent(order.productId(), product -> new Lane())
                    .submit(new Waiting(order, emitter, Vertx.currentContext())));
  }

  /** An order waiting for its reservation, and where to hand the answer back. */
  private record Waiting(
      NewOrder order, UniEmitter<? super OrderStore.Reservation> emitter, Context context) {

    void settle(OrderStore.Reservation reservation) {
      if (reservation == null) {
        fail(new IllegalStateException("No reservation outcome for order " + order.orderId()));
      } else {
        answer(() -> emitter.complete(reservation));
      }
    }

    void fail(Throwable failure) {
      answer(() -> emitter.fail(failure));
    }

    /** Back on the request's own Vert.x context, which holds its session and request state. */
    private void answer(Runnable action) {
      if (context == null) {
        action.run();
      } else {
        context.runOnContext(ignored -> action.run());
      }
    }
  }

  private final class Lane {
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean inFlight = new AtomicBoolean();

    void submit(Waiting waiting) {
      queue.add(waiting);
      drain();
    }

    private void drain() {
      while (!queue.isEmpty() && inFlight.compareAndSet(false, true)) {
        List<Waiting> batch = new ArrayList<>();
        for (Waiting next = queue.poll(); next != null; next = queue.poll()) {
          batch.add(next);
          if (batch.size() == maxBatch) {
            break;
          }
        }
        if (batch.isEmpty()) {
          inFlight.set(false);
          continue;
        }
        store
            .reserve(batch.stream().map(Waiting::order).toList())
            .subscribe()
            .with(
                outcomes -> {
                  inFlight.set(false);
                  batch.forEach(waiting -> waiting.settle(outcomes.get(waiting.order().orderId())));
                  drain();
                },
                failure -> {
                  inFlight.set(false);
                  batch.forEach(waiting -> waiting.fail(failure));
                  drain();
                });
        return;
      }
    }
  }
}
