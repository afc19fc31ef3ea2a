package io.flotilla.credential.mtproto;

import io.flotilla.credential.crypto.SecretBinding;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A user's MTProto account: the app's api_id in the clear, everything else AEAD ciphertext bound to
 * this tenant's row and its field. The TDLib database encryption key is generated here and never
 * leaves except to the fleet.
 */
@Entity
@Table(name = "mtproto_account")
@DynamicUpdate
public class MtprotoAccount extends PanacheEntityBase {

  public static final String API_HASH = "api_hash";
  public static final String PHONE = "phone";
  public static final String DATABASE_KEY = "database_encryption_key";
  public static final String SESSION = "session";

  private static final String ROW = "mtproto";

  @Id
  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "api_id")
  public int apiId;

  @Column(name = "api_hash_ciphertext")
  public byte[] apiHashCiphertext;

  @Column(name = "phone_ciphertext")
  public byte[] phoneCiphertext;

  @Column(name = "database_key_ciphertext")
  public byte[] databaseKeyCiphertext;

  @Column(name = "session_ciphertext")
  public byte[] sessionCiphertext;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public static SecretBinding binding(String tenantId, String field) {
    return new SecretBinding(tenantId, ROW, field);
  }

  public SecretBinding binding(String field) {
    return binding(tenantId, field);
  }

  @Override
  public String toString() {
    return "MtprotoAccount[" + tenantId + ", api_id=" + apiId + "]";
  }
}
