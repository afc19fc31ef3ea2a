package io.flotilla.inventory.order;

import io.flotilla.inventory.catalog.ProductKind;
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
 * A customer's purchase in one shop. It records who sold it ({@code master} or the agent id) and
 * the prices it was sold at, per item in minor units. New orders are written by the {@code
 * reserve_order} SQL function; this entity reads and settles them.
 */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  @Column(name = "sold_by")
  public String soldBy;

  @Column(name = "customer_id")
  public long customerId;

  @Column(name = "product_id")
  public UUID productId;

  @Enumerated(EnumType.STRING)
  @Column(name = "product_kind")
  public ProductKind productKind;

  public int quantity;

  @Column(name = "base_unit_price")
  public long baseUnitPrice;

  @Column(name = "markup_per_unit")
  public long markupPerUnit;

  @Column(name = "agent_unit_price")
  public long agentUnitPrice;

  @Column(name = "total_price")
  public long totalPrice;

  public String currency;

  @Enumerated(EnumType.STRING)
  public OrderState state;

  /** A {@link ReleaseReason} slug once released. */
  @Column(name = "release_reason")
  public String releaseReason;

  @Column(name = "payment_id")
  public String paymentId;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "reserved_until")
  public Instant reservedUntil;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "released_at")
  public Instant releasedAt;

  @Column(name = "refunded_at")
  public Instant refundedAt;

  @Column(name = "refund_reason")
  public String refundReason;

  @Column(name = "refunded_by")
  public String refundedBy;

  /** When a reservation released as expired is checked with the ledger once more. */
  @Column(name = "recheck_at")
  public Instant recheckAt;

  public long markupTotal() {
    return markupPerUnit * quantity;
  }

  @Override
  public String toString() {
    return "CustomerOrder[" + id + ", " + tenantId + ", " + state + "]";
  }
}
