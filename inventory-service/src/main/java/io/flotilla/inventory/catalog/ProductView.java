package io.flotilla.inventory.catalog;

import java.time.Instant;
import java.util.UUID;

/** A product as the admin sees it, with its stock. */
public record ProductView(
    UUID productId,
    UUID categoryId,
    String nameEn,
    String nameZh,
    String descriptionEn,
    String descriptionZh,
    ProductKind kind,
    long basePrice,
    String currency,
    boolean active,
    int lowStockThreshold,
    Integer maxPerOrder,
    Long maxMarkupPercentBp,
    Long maxMarkupFixed,
    StockLevels stock,
    Instant createdAt,
    Instant updatedAt) {

  static ProductView of(Product product, String currency, StockLevels stock) {
    return new ProductView(
        product.id,
        product.categoryId,
        product.nameEn,
        product.nameZh,
        product.descriptionEn,
        product.descriptionZh,
        product.kind,
        product.basePrice,
        currency,
        product.active,
        product.lowStockThreshold,
        product.maxPerOrder,
        product.maxMarkupPercentBasisPoints,
        product.maxMarkupFixed,
        stock,
        product.createdAt,
        product.updatedAt);
  }
}
