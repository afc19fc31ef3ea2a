package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;
import jakarta.validation.constraints.NotNull;

/** An agent's markup for one product. */
public record OverrideRequest(@NotNull Markup markup) {}
