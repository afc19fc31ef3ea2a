package io.flotilla.inventory.order;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An order's life: {@code reserved → completed → refunded}, or {@code reserved → released}. The
 * reservation is written before the ledger is asked for the payment, so an order left reserved by a
 * crash is found and settled by asking the ledger.
 */
public enum OrderState {
  /** Stock is held; the payment is under way or its outcome is not known yet. */
  @JsonProperty("reserved")
  RESERVED,
  /** Paid; the items are the buyer's. */
  @JsonProperty("completed")
  COMPLETED,
  /** Not paid (refused, or expired unpaid); the stock went back. */
  @JsonProperty("released")
  RELEASED,
  /** The payment was returned; delivered items stay out of stock. */
  @JsonProperty("refunded")
  REFUNDED
}
