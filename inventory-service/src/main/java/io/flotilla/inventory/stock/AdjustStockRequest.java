package io.flotilla.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Adds units to (positive delta) or removes available units from a counted product. */
public record AdjustStockRequest(
    @NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Long delta, @Size(max = 500) String reason) {}
