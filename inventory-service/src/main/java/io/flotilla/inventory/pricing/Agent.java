package io.flotilla.inventory.pricing;

import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;

/**
 * What this service knows about an agent: the local projection of the credential service's tenant
 * events (status, markup, the admin's bounds).
 */
@Entity
public class Agent extends PanacheEntityBase {

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Enumerated(EnumType.STRING)
  public AgentStatus status;

  @Enumerated(EnumType.STRING)
  @Column(name = "markup_kind")
  public MarkupKind markupKind;

  @Column(name = "markup_value")
  public long markupValue;

  @Column(name = "max_percent_bp")
  public long maxPercentBasisPoints;

  @Column(name = "max_fixed_minor")
  public long maxFixedMinor;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public Markup markup() {
    return new Markup(markupKind, markupValue);
  }

  public void markup(Markup markup) {
    markupKind = markup.kind();
    markupValue = markup.value();
  }

  public MarkupBounds bounds() {
    return new MarkupBounds(maxPercentBasisPoints, maxFixedMinor);
  }

  @Override
  public String toString() {
    return "Agent[" + tenantId + ", " + status + "]";
  }
}
