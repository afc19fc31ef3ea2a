package io.flotilla.credential.keys;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One key rotation and its progress. The worker ({@link KeyRotationWorker}) advances it with plain
 * SQL, one committed batch at a time; this entity is for starting and showing it.
 */
@Entity
@Table(name = "key_rotation")
public class KeyRotation extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Enumerated(EnumType.STRING)
  public RotationState state;

  @Column(name = "new_key_id")
  public long newKeyId;

  @Column(name = "previous_key_id")
  public long previousKeyId;

  @Column(name = "started_by")
  public String startedBy;

  /** Every bot row with a tenant id up to this one has been re-encrypted. */
  @Column(name = "cursor_tenant_id")
  public String cursorTenantId = "";

  @Column(name = "rows_done")
  public long rowsDone;

  @Column(name = "rows_total")
  public long rowsTotal;

  @Column(name = "rows_failed")
  public long rowsFailed;

  @Column(name = "promote_at")
  public Instant promoteAt;

  @Column(name = "reencrypt_at")
  public Instant reencryptAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "last_error")
  public String lastError;

  @Override
  public String toString() {
    return "KeyRotation[" + id + ", " + state + ", key " + newKeyId + "]";
  }
}
