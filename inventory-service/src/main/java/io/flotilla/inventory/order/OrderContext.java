package io.flotilla.inventory.order;

import io.flotilla.contracts.money.Markup;
import io.flotilla.inventory.catalog.ProductKind;
import io.flotilla.inventory.pricing.Agent;
import java.util.UUID;

/**
 * Everything placing an order needs to know, read in one query: an order already placed under the
 * idempotency key, the product, the agent and its override for the product. Missing things are
 * null.
 */
record OrderContext(UUID existingOrderId, ProductTerms product, Agent agent, Markup override) {

  /** The terms alone, as they may be kept for other orders. */
  OrderContext withoutExistingOrder() {
    return existingOrderId == null ? this : new OrderContext(null, product, agent, override);
  }

  /** The product as an order sees it. */
  record ProductTerms(
      UUID id,
      ProductKind kind,
      long basePrice,
      boolean active,
      Integer maxPerOrder,
      Long maxMarkupPercentBasisPoints,
      Long maxMarkupFixed) {

    int quantityLimit(int serviceLimit) {
      return maxPerOrder != null ? maxPerOrder : serviceLimit;
    }
  }
}
