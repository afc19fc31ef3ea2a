package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;
import java.time.Instant;
import java.util.UUID;

public record OverrideView(UUID productId, Markup markup, Instant updatedAt) {

  static OverrideView of(PriceOverride override) {
    return new OverrideView(override.productId, override.markup(), override.updatedAt);
  }
}
