package io.flotilla.inventory.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A category to create, or the new state of one. */
public record CategoryRequest(
    @NotBlank @Size(max = 200) String nameEn, @Size(max = 200) String nameZh, Integer sortOrder) {}
