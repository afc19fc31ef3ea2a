package io.flotilla.inventory.stock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One unique item (a code, key or account). Its text is what the buyer pays for, so it appears in
 * the buyer's order and nowhere else: not in logs, events or {@link #toString()}.
 */
@Entity
@Table(name = "stock_item")
public class StockItem extends PanacheEntityBase {

  @Id public Long id;

  @Column(name = "product_id")
  public UUID productId;

  public String code;

  @Enumerated(EnumType.STRING)
  public ItemState state;

  /** The order holding or owning the item; null while it is available. */
  @Column(name = "order_id")
  public UUID orderId;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "retired_at")
  public Instant retiredAt;

  @Override
  public String toString() {
    return "StockItem[" + id + ", " + state + "]";
  }
}
