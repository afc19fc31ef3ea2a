package io.flotilla.inventory.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A product of the shared catalog, sold by every shop at that shop's price. */
@Entity
public class Product extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "category_id")
  public UUID categoryId;

  @Column(name = "name_en")
  public String nameEn;

  @Column(name = "name_zh")
  public String nameZh;

  @Column(name = "description_en")
  public String descriptionEn;

  @Column(name = "description_zh")
  public String descriptionZh;

  /** Fixed at creation: a product's stock cannot change from codes to a count or back. */
  @Enumerated(EnumType.STRING)
  public ProductKind kind;

  /** Price per item in minor units before any agent markup. */
  @Column(name = "base_price")
  public long basePrice;

  public boolean active;

  /** Available stock at or below this counts as low. */
  @Column(name = "low_stock_threshold")
  public int lowStockThreshold;

  /** Most items one order may buy; null means the service-wide limit. */
  @Column(name = "max_per_order")
  public Integer maxPerOrder;

  /** The admin's ceiling on percent markups for this product (basis points); null = none. */
  @Column(name = "max_markup_percent_bp")
  public Long maxMarkupPercentBasisPoints;

  /** The admin's ceiling on fixed markups for this product (minor units); null = none. */
  @Column(name = "max_markup_fixed")
  public Long maxMarkupFixed;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public int quantityLimit(int serviceLimit) {
    return maxPerOrder != null ? maxPerOrder : serviceLimit;
  }

  @Override
  public String toString() {
    return "Product[" + id + ", " + kind + ", active=" + active + "]";
  }
}
