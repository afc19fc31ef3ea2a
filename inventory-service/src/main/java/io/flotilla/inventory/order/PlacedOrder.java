package io.flotilla.inventory.order;

/** The answer to a purchase: the order, and whether it is new, a replay, or still settling. */
public record PlacedOrder(OrderView order, Outcome outcome) {

  public enum Outcome {
    /** Paid and delivered now. */
    CREATED,
    /** The idempotency key was used before; this is the order it made. */
    REPLAYED,
    /** Stock is reserved but the payment outcome is not known yet. */
    PENDING
  }
}
