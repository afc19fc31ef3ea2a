package io.flotilla.credential.keys;

import io.flotilla.credential.audit.AuditLog;
import io.flotilla.credential.crypto.CryptoConfig;
import io.flotilla.credential.crypto.Keyring;
import io.flotilla.platform.persistence.DatabaseErrors;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts key rotations, shows the keyset, and retires keys no ciphertext uses any more. Key
 * management steps run under one PostgreSQL advisory lock, so replicas never interleave them.
 */
@ApplicationScoped
public class KeyRotationService {

  /** Every stored ciphertext, by the key that made it. */
  public static final String CIPHERTEXTS_BY_KEY =
      "select tink_key_id(c) as key_id, count(*) as ciphertexts from ("
          + " select token_ciphertext c from bot where token_ciphertext is not null"
          + " union all select api_hash_ciphertext from mtproto_account"
          + " union all select phone_ciphertext from mtproto_account"
          + " where phone_ciphertext is not null"
          + " union all select database_key_ciphertext from mtproto_account"
          + " union all select session_ciphertext from mtproto_account"
          + " where session_ciphertext is not null"
          + ") used group by 1";

  private static final String KEY_MANAGEMENT_LOCK =
      "select pg_advisory_xact_lock(hashtext('flotilla.credential.keys'))";

  private final Keyring keyring;
  private final CryptoConfig config;
  private final AuditLog audit;
  private final Vertx vertx;
  private final Clock clock;

  public KeyRotationService(
      Keyring keyring, CryptoConfig config, AuditLog audit, Vertx vertx, Clock clock) {
    this.keyring = keyring;
    this.config = config;
    this.audit = audit;
    this.vertx = vertx;
    this.clock = clock;
  }

  @WithSession
  public Uni<KeysView> describe() {
    return ciphertextsByKey()
        .chain(
            usage ->
                latestRotation()
                    .map(
                        rotation -> {
                          Keyring.Active active = keyring.active();
                          return new KeysView(
                              active.primaryKeyId(),
                              keyring.writable(),
                              active.keys().stream()
                                  .map(
                                      key ->
                                          new KeysView.KeyView(
                                              key.keyId(),
                                              key.status().toString().toLowerCase(),
                                              key.primary(),
                                              usage.getOrDefault(key.keyId(), 0L)))
                                  .toList(),
                              rotation == null ? null : RotationView.of(rotation));
                        }));
  }

  @WithSession
  public Uni<RotationView> find(long rotationId) {
    return KeyRotation.<KeyRotation>findById(rotationId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No key rotation " + rotationId))
        .map(RotationView::of);
  }

  /** Refuses a rotation that could not proceed: a read-only keyset, or one already running. */
  @WithSession
  public Uni<Long> requireRotatable() {
    if (!keyring.writable()) {
      return Uni.createFrom()
          .failure(
              ProblemException.conflict(
                  "keyset-read-only",
                  "The credential keyset is configured inline; rotate with a keyset file (see the"
                      + " key rotation runbook)"));
    }
    return activeRotation()
        .map(
            rotation -> {
              if (rotation != null) {
                throw inProgress(rotation);
              }
              return keyring.active().primaryKeyId();
            });
  }

  /** Adds a new key to the keyset; it decrypts at once and encrypts once promoted. */
  public Uni<Long> addKey() {
    return vertx.executeBlocking(keyring::addKey);
  }

  /** Records a rotation to the new key; the worker promotes it after the propagation delay. */
  @WithTransaction
  public Uni<RotationView> record(long newKeyId, long previousKeyId, String adminId) {
    Instant now = clock.instant();
    KeyRotation rotation = new KeyRotation();
    rotation.state = RotationState.KEY_ADDED;
    rotation.newKeyId = newKeyId;
    rotation.previousKeyId = previousKeyId;
    rotation.startedBy = adminId;
    rotation.promoteAt = now.plus(config.rotation().propagationDelay());
    rotation.startedAt = now;
    rotation.updatedAt = now;
    return lockKeyManagement()
        .chain(() -> rotation.<KeyRotation>persist())
        .call(KeyRotation::flush)
        .call(
            () ->
                audit.record(
                    adminId,
                    "key.rotate",
                    "key:" + newKeyId,
                    Map.of("new_key_id", newKeyId, "previous_key_id", previousKeyId)))
        .map(saved -> RotationView.of(rotation))
        .onFailure(DatabaseErrors::isUniqueViolation)
        .transform(
            failure ->
                ProblemException.conflict(
                    "rotation-in-progress", "Another key rotation was started at the same time"));
  }

  /**
   * Deletes a key from the keyset for good: only when it is not primary, no rotation is running,
   * and no stored ciphertext uses it.
   */
  @WithTransaction
  public Uni<KeysView.KeyView> retire(long keyId, String adminId) {
    return lockKeyManagement()
        .chain(this::activeRotation)
        .chain(
            rotation -> {
              Keyring.Active active = keyring.active();
              if (!active.containsKey(keyId)) {
                throw ProblemException.notFound("No key " + keyId + " in the credential keyset");
              }
              if (active.primaryKeyId() == keyId) {
                throw ProblemException.conflict(
                    "key-in-use", "Key " + keyId + " is the primary key; rotate first");
              }
              if (rotation != null) {
                throw inProgress(rotation);
              }
              return ciphertextsByKey();
            })
        .chain(
            usage -> {
              long used = usage.getOrDefault(keyId, 0L);
              if (used > 0) {
                throw new ProblemException(
                    409,
                    "key-in-use",
                    "Conflict",
                    used + " stored ciphertexts still use key " + keyId + "; re-encrypt first",
                    Map.of("ciphertexts", used));
              }
              return vertx.executeBlocking(
                  () -> {
                    keyring.delete(keyId);
                    return keyId;
                  });
            })
        .call(() -> audit.record(adminId, "key.retire", "key:" + keyId, Map.of("key_id", keyId)))
        .map(retired -> new KeysView.KeyView(keyId, "destroyed", false, 0));
  }

  private Uni<Void> lockKeyManagement() {
    return Panache.getSession()
        .chain(session -> session.createNativeQuery(KEY_MANAGEMENT_LOCK).getResultList())
        .replaceWithVoid();
  }

  private Uni<KeyRotation> activeRotation() {
    return KeyRotation.<KeyRotation>find("state <> ?1", RotationState.COMPLETED).firstResult();
  }

  private Uni<KeyRotation> latestRotation() {
    return KeyRotation.<KeyRotation>findAll(Sort.descending("id")).firstResult();
  }

  private Uni<Map<Long, Long>> ciphertextsByKey() {
    return Panache.getSession()
        .chain(
            session ->
                session.createNativeQuery(CIPHERTEXTS_BY_KEY, Object[].class).getResultList())
        .map(KeyRotationService::toUsage);
  }

  private static Map<Long, Long> toUsage(List<Object[]> rows) {
    Map<Long, Long> usage = new HashMap<>();
    for (Object[] row : rows) {
      if (row[0] != null) {
        usage.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
      }
    }
    return usage;
  }

  private static ProblemException inProgress(KeyRotation rotation) {
    return new ProblemException(
        409,
        "rotation-in-progress",
        "Conflict",
        "Key rotation " + rotation.id + " is " + rotation.state.name().toLowerCase(),
        Map.of("rotation_id", rotation.id));
  }
}
