package io.flotilla.inventory.order;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Items of a delivered order an admin found defective; they are retired for good. */
public record DefectiveItemsRequest(@NotEmpty @Size(max = 10_000) List<@NotNull Long> itemIds) {}
