package io.flotilla.credential.claim;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A one-time link that makes whoever opens it an owner of an agent. The code itself is never
 * stored, only its hash.
 */
@Entity
@Table(name = "agent_claim")
public class AgentClaim extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "code_sha256")
  public byte[] codeSha256;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  /** The Telegram user who redeemed the link; null while it is unused. */
  @Column(name = "redeemed_by")
  public Long redeemedBy;

  @Column(name = "redeemed_at")
  public Instant redeemedAt;

  @Override
  public String toString() {
    return "AgentClaim[" + id + ", " + tenantId + "]";
  }
}
