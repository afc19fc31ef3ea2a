package io.flotilla.inventory.catalog;

import java.time.Instant;
import java.util.UUID;

public record CategoryView(
    UUID categoryId, String nameEn, String nameZh, int sortOrder, Instant createdAt) {

  static CategoryView of(Category category) {
    return new CategoryView(
        category.id, category.nameEn, category.nameZh, category.sortOrder, category.createdAt);
  }
}
