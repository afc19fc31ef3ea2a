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
import org.hibernate.annotations.DynamicUpdate;

/** The master shop, an agent (reseller) or a user with their own bot. */
@Entity
@DynamicUpdate
public class Tenant extends PanacheEntityBase {

  /** The master shop's tenant id; no agent or user can have it. */
  public static final String MASTER_ID = "master";

  /** User tenants are {@code user:<user id>}, so they can never collide with an agent id. */
  public static final String USER_PREFIX = "user:";

  @Id public String id;

  @Enumerated(EnumType.STRING)
  public TenantKind kind;

  public String name;

  @Enumerated(EnumType.STRING)
  public TenantStatus status;

  @Column(name = "status_reason")
  public String statusReason;

  @Enumerated(EnumType.STRING)
  @Column(name = "markup_kind")
  public MarkupKind markupKind = MarkupKind.PERCENT;

  @Column(name = "markup_value")
  public long markupValue;

  /** Highest percent markup (basis points) the agent may set; null means the platform default. */
  @Column(name = "max_percent_basis_points")
  public Long maxPercentBasisPoints;

  /** Highest fixed markup (minor units) the agent may set; null means the platform default. */
  @Column(name = "max_fixed_minor")
  public Long maxFixedMinor;

  @Column(name = "payout_address")
  public String payoutAddress;

  /** Smallest withdrawal the agent may request, in minor units. */
  @Column(name = "minimum_withdrawal")
  public long minimumWithdrawal;

  /** Agent's own profit holding window; null means the platform default. */
  @Column(name = "holding_window_seconds")
  public Long holdingWindowSeconds;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public static String userTenantId(String userId) {
    return USER_PREFIX + userId;
  }

  public Markup markup() {
    return new Markup(markupKind, markupValue);
  }

  @Override
  public String toString() {
    return "Tenant[" + id + ", " + kind + ", " + status + "]";
  }
}
