package io.flotilla.inventory.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A shelf of the shared catalog. */
@Entity
public class Category extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "name_en")
  public String nameEn;

  @Column(name = "name_zh")
  public String nameZh;

  @Column(name = "sort_order")
  public int sortOrder;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Override
  public String toString() {
    return "Category[" + id + "]";
  }
}
