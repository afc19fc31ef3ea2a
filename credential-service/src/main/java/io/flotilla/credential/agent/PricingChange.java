package io.flotilla.credential.agent;

import io.flotilla.contracts.money.Markup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An admin sets an agent's markup and, optionally, the bounds within which the agent may later set
 * it themselves; a bound left out keeps the agent's current one.
 */
public record PricingChange(
    @NotNull Markup markup,
    @Min(0) @Max(1_000_000) Long maxPercentBasisPoints,
    @Min(0) @Max(1_000_000_000_000L) Long maxFixedMinor) {}
