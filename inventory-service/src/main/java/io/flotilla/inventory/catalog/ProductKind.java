package io.flotilla.inventory.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a product's stock is kept. */
public enum ProductKind {
  /** Each item is a distinct text (a code, key or account) delivered to exactly one buyer. */
  @JsonProperty("unique")
  UNIQUE,
  /** A counted quantity; buyers receive no item text. */
  @JsonProperty("counted")
  COUNTED
}
