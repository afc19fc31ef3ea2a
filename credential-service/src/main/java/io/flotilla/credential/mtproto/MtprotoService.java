package io.flotilla.credential.mtproto;

import io.flotilla.credential.bot.BotRepository;
import io.flotilla.credential.bot.BotStatus;
import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.crypto.CredentialTamperedException;
import io.flotilla.credential.crypto.TamperAlarm;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/** Stores and hands out users' MTProto credentials; the fleet's TDLib clients use them. */
@ApplicationScoped
public class MtprotoService {

  private static final int DATABASE_KEY_BYTES = 32;

  private final CredentialCipher cipher;
  private final BotRepository bots;
  private final TamperAlarm alarm;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public MtprotoService(
      CredentialCipher cipher, BotRepository bots, TamperAlarm alarm, Clock clock) {
    this.cipher = cipher;
    this.bots = bots;
    this.alarm = alarm;
    this.clock = clock;
  }

  /**
   * A new account for a tenant whose bot row exists, with a fresh TDLib database key; persisted in
   * the caller's transaction.
   */
  public Uni<MtprotoAccount> create(String tenantId, int apiId, String apiHash, String phone) {
    Instant now = clock.instant();
    MtprotoAccount account = new MtprotoAccount();
    account.tenantId = tenantId;
    account.apiId = apiId;
    account.apiHashCiphertext = cipher.encrypt(apiHash, account.binding(MtprotoAccount.API_HASH));
    account.phoneCiphertext =
        phone == null ? null : cipher.encrypt(phone, account.binding(MtprotoAccount.PHONE));
    account.databaseKeyCiphertext =
        cipher.encrypt(newDatabaseKey(), account.binding(MtprotoAccount.DATABASE_KEY));
    account.createdAt = now;
    account.updatedAt = now;
    return account.persist();
  }

  /** Deletes the tenant's account, if any, in the caller's transaction. */
  public Uni<Boolean> delete(String tenantId) {
    return MtprotoAccount.deleteById(tenantId);
  }

  @WithSession
  public Uni<Boolean> exists(String tenantId) {
    return MtprotoAccount.count("tenantId", tenantId).map(count -> count > 0);
  }

  @WithSession
  public Uni<MtprotoCredentials> credentials(String tenantId) {
    return liveAccount(tenantId, LockModeType.NONE)
        .map(
            account -> {
              try {
                return new MtprotoCredentials(
                    tenantId,
                    account.apiId,
                    cipher.decrypt(
                        account.apiHashCiphertext, account.binding(MtprotoAccount.API_HASH)),
                    decryptOptional(account.phoneCiphertext, account, MtprotoAccount.PHONE),
                    cipher.decrypt(
                        account.databaseKeyCiphertext,
                        account.binding(MtprotoAccount.DATABASE_KEY)),
                    decryptOptional(account.sessionCiphertext, account, MtprotoAccount.SESSION));
              } catch (CredentialTamperedException e) {
                throw alarm.raise(tenantId, e);
              }
            });
  }

  @WithTransaction
  public Uni<Void> storeSession(String tenantId, String session) {
    return liveAccount(tenantId, LockModeType.PESSIMISTIC_WRITE)
        .invoke(
            account -> {
              account.sessionCiphertext =
                  cipher.encrypt(session, account.binding(MtprotoAccount.SESSION));
              account.updatedAt = clock.instant();
            })
        .replaceWithVoid();
  }

  private Uni<MtprotoAccount> liveAccount(String tenantId, LockModeType lock) {
    return bots.findById(tenantId)
        .chain(
            bot -> {
              if (bot == null || bot.status == BotStatus.REMOVED) {
                throw ProblemException.notFound("No MTProto account for tenant " + tenantId);
              }
              return MtprotoAccount.<MtprotoAccount>findById(tenantId, lock);
            })
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No MTProto account for tenant " + tenantId));
  }

  private String decryptOptional(byte[] ciphertext, MtprotoAccount account, String field) {
    return ciphertext == null ? null : cipher.decrypt(ciphertext, account.binding(field));
  }

  private String newDatabaseKey() {
    byte[] key = new byte[DATABASE_KEY_BYTES];
    random.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
