package io.flotilla.inventory.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A product's stock counter: every unit ever stocked, and those free to sell. Only SQL with
 * conditional updates changes it (see the reserve and release functions); the entity reads it.
 */
@Entity
@Table(name = "product_stock")
public class ProductStock extends PanacheEntityBase {

  @Id
  @Column(name = "product_id")
  public UUID productId;

  public long total;

  public long available;

  @Override
  public String toString() {
    return "ProductStock[" + productId + ", " + available + "/" + total + "]";
  }
}
