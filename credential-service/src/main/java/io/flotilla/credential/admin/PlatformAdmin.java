package io.flotilla.credential.admin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A platform admin added at run time (the configured ones are not stored). */
@Entity
@Table(name = "platform_admin")
public class PlatformAdmin extends PanacheEntityBase {

  @Id
  @Column(name = "telegram_user_id")
  public Long telegramUserId;

  @Column(name = "added_by")
  public String addedBy;

  @Column(name = "added_at")
  public Instant addedAt;
}
