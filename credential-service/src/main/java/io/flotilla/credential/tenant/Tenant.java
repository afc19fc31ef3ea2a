package io.flotilla.credential.tenant;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;

/** The master shop, an agent (reseller) or a user with their own bot. */
@Entity
public class Tenant extends PanacheEntityBase {

  @Id public String id;

  @Enumerated(EnumType.STRING)
  public TenantKind kind;

  public String name;

  @Enumerated(EnumType.STRING)
  public TenantStatus status;

  @Enumerated(EnumType.STRING)
  @Column(name = "markup_kind")
  public MarkupKind markupKind = MarkupKind.PERCENT;

  @Column(name = "markup_value")
  public long markupValue;

  /** Agent's own profit holding window; null means the platform default. */
  @Column(name = "holding_window_seconds")
  public Long holdingWindowSeconds;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public Markup markup() {
    return new Markup(markupKind, markupValue);
  }

  @Override
  public String toString() {
    return "Tenant[" + id + ", " + kind + ", " + status + "]";
  }
}
