package io.flotilla.credential.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A Telegram user who runs an agent; the agent's bot gives them the agent's own commands. */
@Entity
@Table(name = "agent_owner")
@IdClass(AgentOwner.Key.class)
public class AgentOwner extends PanacheEntityBase {

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Id
  @Column(name = "telegram_user_id")
  public long telegramUserId;

  /** The admin who set the owners, or {@code tg:<id>} of the owner who redeemed a claim link. */
  @Column(name = "added_by")
  public String addedBy;

  @Column(name = "added_at")
  public Instant addedAt;

  /** The composite primary key. */
  public static class Key implements Serializable {
    public String tenantId;
    public long telegramUserId;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && telegramUserId == key.telegramUserId
          && Objects.equals(tenantId, key.tenantId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, telegramUserId);
    }
  }
}
