package io.flotilla.inventory.catalog;

import java.util.UUID;

/** A product as one shop's customers see it: its availability and that shop's price. */
public record CatalogEntry(
    UUID productId,
    UUID categoryId,
    String nameEn,
    String nameZh,
    String descriptionEn,
    String descriptionZh,
    ProductKind kind,
    long available,
    int maxPerOrder,
    long basePrice,
    long markup,
    long price,
    String currency) {}
