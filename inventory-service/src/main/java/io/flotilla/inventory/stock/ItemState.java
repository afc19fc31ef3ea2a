package io.flotilla.inventory.stock;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a unique item is in its life. Sold and retired items never return to stock. */
public enum ItemState {
  @JsonProperty("available")
  AVAILABLE,
  /** Held for an order whose payment is not settled yet. */
  @JsonProperty("reserved")
  RESERVED,
  /** Delivered to the buyer of its order. */
  @JsonProperty("sold")
  SOLD,
  /** Delivered, then marked defective by an admin. */
  @JsonProperty("retired")
  RETIRED
}
