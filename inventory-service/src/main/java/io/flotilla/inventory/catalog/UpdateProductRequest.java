package io.flotilla.inventory.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Changes to a product; a field left out (or null) keeps its value. The kind never changes. */
public record UpdateProductRequest(
    UUID categoryId,
    @Size(min = 1, max = 200) String nameEn,
    @Size(max = 200) String nameZh,
    @Size(max = 4000) String descriptionEn,
    @Size(max = 4000) String descriptionZh,
    @Positive @Max(ProductLimits.MAX_PRICE) Long basePrice,
    Boolean active,
    @PositiveOrZero Integer lowStockThreshold,
    @Positive @Max(ProductLimits.MAX_QUANTITY_PER_ORDER) Integer maxPerOrder,
    @PositiveOrZero @Max(ProductLimits.MAX_PERCENT_BASIS_POINTS) Long maxMarkupPercentBp,
    @PositiveOrZero @Max(ProductLimits.MAX_PRICE) Long maxMarkupFixed) {}
