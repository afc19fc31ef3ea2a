package io.flotilla.credential.bot;

import io.flotilla.credential.crypto.SecretBinding;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A tenant's bot. The token is stored only as AEAD ciphertext bound to this row, next to a keyed
 * fingerprint that lets the database refuse the same token twice; both are wiped on removal.
 * Updates write only the columns that changed, so a status change never writes back a ciphertext
 * that a key rotation batch has just replaced.
 */
@Entity
@DynamicUpdate
public class Bot extends PanacheEntityBase {

  public static final String TOKEN_FIELD = "bot_token";

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "bot_id")
  public long botId;

  public String username;

  @Column(name = "token_ciphertext")
  public byte[] tokenCiphertext;

  @Column(name = "token_fingerprint")
  public byte[] tokenFingerprint;

  /** The masked token shown in responses, e.g. {@code 123456:AA…xyz}. */
  @Column(name = "token_hint")
  public String tokenHint;

  @Enumerated(EnumType.STRING)
  public BotStatus status;

  @Column(name = "status_reason")
  public String statusReason;

  @Column(name = "requests_per_second")
  public int requestsPerSecond;

  @Column(name = "max_concurrent_requests")
  public int maxConcurrentRequests;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  public static SecretBinding tokenBinding(String tenantId, long botId) {
    return new SecretBinding(tenantId, "bot:" + botId, TOKEN_FIELD);
  }

  public SecretBinding tokenBinding() {
    return tokenBinding(tenantId, botId);
  }

  @Override
  public String toString() {
    return "Bot[" + tenantId + ", " + botId + ", " + status + "]";
  }
}
