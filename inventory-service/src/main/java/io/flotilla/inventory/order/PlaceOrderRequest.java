package io.flotilla.inventory.order;

import io.flotilla.inventory.catalog.ProductLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A customer of one shop buys a quantity of a product; with {@code expected_unit_price}, only at
 * the price per item (minor units) the customer was shown.
 */
public record PlaceOrderRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(
            regexp = "[a-z0-9][a-z0-9_-]*",
            message = "must be master or an agent id (lowercase letters, digits, _ or -)")
        String tenantId,
    @NotNull @Positive Long customerId,
    @NotNull UUID productId,
    @NotNull @Positive @Max(ProductLimits.MAX_QUANTITY_PER_ORDER) Integer quantity,
    @Positive Long expectedUnitPrice) {}
