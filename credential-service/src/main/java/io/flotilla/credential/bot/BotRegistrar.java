package io.flotilla.credential.bot;

import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.crypto.TokenFingerprint;
import io.flotilla.credential.tenant.Tenant;
import io.flotilla.platform.persistence.DatabaseErrors;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;

/**
 * Stores a verified bot token for a tenant, inside the caller's transaction. The token and its bot
 * id must not serve another tenant: checked up front for a clear answer, and enforced by unique
 * indexes, so of two registrations of one token at the same moment exactly one commits.
 */
@ApplicationScoped
public class BotRegistrar {

  private final BotRepository bots;
  private final CredentialCipher cipher;
  private final TokenFingerprint fingerprints;
  private final BotDefaults defaults;

  public BotRegistrar(
      BotRepository bots,
      CredentialCipher cipher,
      TokenFingerprint fingerprints,
      BotDefaults defaults) {
    this.bots = bots;
    this.cipher = cipher;
    this.fingerprints = fingerprints;
    this.defaults = defaults;
  }

  /**
   * Gives the tenant its bot. A tenant whose bot was removed may register again; the old row is
   * reused.
   *
   * @throws ProblemException 409 {@code bot-exists}, {@code bot-token-taken} or {@code bot-taken}
   */
  public Uni<Bot> register(Tenant tenant, VerifiedToken token, BotStatus status, Instant now) {
    byte[] fingerprint = fingerprints.of(token.token());
    return bots.findById(tenant.id)
        .call(
            existing -> {
              if (existing != null && existing.status != BotStatus.REMOVED) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "bot-exists",
                            "Tenant " + tenant.id + " already has a bot; remove it first"));
              }
              return requireUnused(fingerprint, token.botId(), tenant.id);
            })
        .chain(
            existing -> {
              Bot bot = existing != null ? existing : new Bot();
              boolean fresh = existing == null;
              bot.tenantId = tenant.id;
              bot.status = status;
              bot.statusReason = null;
              bot.requestsPerSecond = defaults.requestsPerSecond();
              bot.maxConcurrentRequests = defaults.maxConcurrentRequests();
              bot.createdAt = now;
              bot.lastUsedAt = null;
              store(bot, token, fingerprint, now);
              return (fresh ? bots.persist(bot) : Uni.createFrom().item(bot))
                  .call(bots::flush)
                  .onFailure()
                  .transform(BotRegistrar::explainConflict);
            });
  }

  /**
   * Replaces a live bot's token, e.g. after the owner revoked it in BotFather. Unchanged when it is
   * the same token.
   *
   * @return whether anything changed
   */
  public Uni<Boolean> replaceToken(Bot bot, VerifiedToken token, Instant now) {
    byte[] fingerprint = fingerprints.of(token.token());
    if (Arrays.equals(fingerprint, bot.tokenFingerprint) && bot.botId == token.botId()) {
      return Uni.createFrom().item(false);
    }
    return requireUnused(fingerprint, token.botId(), bot.tenantId)
        .chain(
            () -> {
              store(bot, token, fingerprint, now);
              return bots.flush().onFailure().transform(BotRegistrar::explainConflict);
            })
        .replaceWith(true);
  }

  private void store(Bot bot, VerifiedToken token, byte[] fingerprint, Instant now) {
    bot.botId = token.botId();
    bot.username = token.identity().username();
    bot.tokenCiphertext = cipher.encrypt(token.token(), Bot.tokenBinding(bot.tenantId, bot.botId));
    bot.tokenFingerprint = fingerprint;
    bot.tokenHint = BotTokenFormat.mask(token.token());
    bot.updatedAt = now;
  }

  private Uni<Void> requireUnused(byte[] fingerprint, long botId, String tenantId) {
    return bots.count("tokenFingerprint = ?1 and tenantId <> ?2", fingerprint, tenantId)
        .chain(
            sameToken -> {
              if (sameToken > 0) {
                throw tokenTaken();
              }
              return bots.count(
                  "botId = ?1 and status <> ?2 and tenantId <> ?3",
                  botId,
                  BotStatus.REMOVED,
                  tenantId);
            })
        .invoke(
            sameBot -> {
              if (sameBot > 0) {
                throw botTaken();
              }
            })
        .replaceWithVoid();
  }

  /** Turns the unique index that refused a concurrent registration into the same clear 409. */
  public static Throwable explainConflict(Throwable failure) {
    return DatabaseErrors.violatedUniqueConstraint(failure)
        .<Throwable>map(
            constraint ->
                switch (constraint) {
                  case "bot_token_fingerprint" -> tokenTaken();
                  case "bot_live_bot_id" -> botTaken();
                  case "bot_pkey" ->
                      ProblemException.conflict("bot-exists", "The tenant already has a bot");
                  case "tenant_pkey" ->
                      ProblemException.conflict("tenant-exists", "The tenant already exists");
                  default ->
                      ProblemException.conflict(
                          "conflict", "The change conflicts with data already stored");
                })
        .orElse(failure);
  }

  private static ProblemException tokenTaken() {
    return ProblemException.conflict(
        "bot-token-taken", "This bot token is already registered on the platform");
  }

  private static ProblemException botTaken() {
    return ProblemException.conflict(
        "bot-taken", "This Telegram bot is already registered on the platform");
  }
}
