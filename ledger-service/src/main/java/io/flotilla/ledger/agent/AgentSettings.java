package io.flotilla.ledger.agent;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An agent's own money rules; a null field means the platform default. */
@Entity
@Table(name = "agent_settings")
public class AgentSettings extends PanacheEntityBase {

  @Id
  @Column(name = "agent_id")
  public String agentId;

  @Column(name = "holding_window_seconds")
  public Long holdingWindowSeconds;

  @Column(name = "min_withdrawal")
  public Long minWithdrawal;

  @Column(name = "payout_address")
  public String payoutAddress;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;

  @Override
  public String toString() {
    return "AgentSettings[" + agentId + "]";
  }
}
