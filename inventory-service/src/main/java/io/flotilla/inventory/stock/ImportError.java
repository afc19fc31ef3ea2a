package io.flotilla.inventory.stock;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A refused line of an upload, by number; the item itself is not repeated. {@code duplicateOf}
 * names the earlier line of the same upload holding the same item.
 */
public record ImportError(
    int line, String reason, @JsonInclude(JsonInclude.Include.NON_NULL) Integer duplicateOf) {

  static final String DUPLICATE_IN_UPLOAD = "duplicate-in-upload";
  static final String ALREADY_IN_STOCK = "already-in-stock";
}
