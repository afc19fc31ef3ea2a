package io.flotilla.credential.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One admin action. Rows are only ever inserted; the database refuses updates and deletes. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "admin_id")
  public String adminId;

  public String action;

  public String target;

  @JdbcTypeCode(SqlTypes.JSON)
  public String details;

  @Column(name = "created_at")
  public Instant createdAt;
}
