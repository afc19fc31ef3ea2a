package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An agent's own markup for one product, used instead of the agent's general markup. */
@Entity
@Table(name = "price_override")
@IdClass(PriceOverride.Key.class)
public class PriceOverride extends PanacheEntityBase {

  @Id
  @Column(name = "agent_id")
  public String agentId;

  @Id
  @Column(name = "product_id")
  public UUID productId;

  @Enumerated(EnumType.STRING)
  @Column(name = "markup_kind")
  public MarkupKind markupKind;

  @Column(name = "markup_value")
  public long markupValue;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public Markup markup() {
    return new Markup(markupKind, markupValue);
  }

  @Override
  public String toString() {
    return "PriceOverride[" + agentId + ", " + productId + "]";
  }

  /** The composite identity: one override per agent and product. */
  public static class Key implements Serializable {
    public String agentId;
    public UUID productId;

    public Key() {}

    public Key(String agentId, UUID productId) {
      this.agentId = agentId;
      this.productId = productId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(agentId, key.agentId)
          && Objects.equals(productId, key.productId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(agentId, productId);
    }
  }
}
