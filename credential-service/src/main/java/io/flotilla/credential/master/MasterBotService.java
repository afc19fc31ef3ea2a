package io.flotilla.credential.master;

import io.flotilla.contracts.events.BotActivated;
import io.flotilla.contracts.events.BotRegistered;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.credential.audit.AuditLog;
import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.bot.BotRegistrar;
import io.flotilla.credential.bot.BotRepository;
import io.flotilla.credential.bot.BotStatus;
import io.flotilla.credential.bot.BotView;
import io.flotilla.credential.bot.VerifiedToken;
import io.flotilla.credential.crypto.TokenFingerprint;
import io.flotilla.credential.tenant.Tenant;
import io.flotilla.credential.tenant.TenantRepository;
import io.flotilla.credential.tenant.TenantStatus;
import io.flotilla.platform.outbox.Outbox;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The master shop's bot: registered by an admin, active at once. Registering again replaces the
 * token (e.g. after it was revoked in BotFather); the same token again changes nothing.
 */
@ApplicationScoped
public class MasterBotService {

  private final TenantRepository tenants;
  private final BotRepository bots;
  private final BotRegistrar registrar;
  private final TokenFingerprint fingerprints;
  private final Outbox outbox;
  private final AuditLog audit;
  private final MasterConfig config;
  private final Clock clock;

  public MasterBotService(
      TenantRepository tenants,
      BotRepository bots,
      BotRegistrar registrar,
      TokenFingerprint fingerprints,
      Outbox outbox,
      AuditLog audit,
      MasterConfig config,
      Clock clock) {
    this.tenants = tenants;
    this.bots = bots;
    this.registrar = registrar;
    this.fingerprints = fingerprints;
    this.outbox = outbox;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  /** What a registration did, so the resource can answer 201, or 200 when nothing changed. */
  public record Outcome(BotView bot, boolean created) {}

  /** The master bot, its token masked; 404 before one is registered. */
  @WithSession
  public Uni<BotView> find() {
    return bots.findById(Tenant.MASTER_ID)
        .map(
            bot -> {
              if (bot == null || bot.status == BotStatus.REMOVED) {
                throw ProblemException.notFound("No master shop bot is registered yet");
              }
              return BotView.of(bot, TenantKind.MASTER);
            });
  }

  /**
   * Whether the master bot runs on this token already, compared by keyed fingerprint, so nothing is
   * decrypted and Telegram is not asked.
   */
  @WithSession
  public Uni<Boolean> runsOn(String token) {
    byte[] fingerprint = fingerprints.of(token);
    return bots.findById(Tenant.MASTER_ID)
        .map(
            bot ->
                bot != null
                    && bot.status != BotStatus.REMOVED
                    && Arrays.equals(fingerprint, bot.tokenFingerprint));
  }

  @WithTransaction
  public Uni<Outcome> register(VerifiedToken token, String adminId) {
    Instant now = clock.instant();
    return tenants
        .findById(Tenant.MASTER_ID, LockModeType.PESSIMISTIC_WRITE)
        .chain(existing -> existing != null ? Uni.createFrom().item(existing) : newMaster(now))
        .onFailure()
        .transform(BotRegistrar::explainConflict)
        .chain(
            tenant ->
                bots.findById(Tenant.MASTER_ID, LockModeType.PESSIMISTIC_WRITE)
                    .chain(current -> registerOrReplace(tenant, current, token, adminId, now)));
  }

  private Uni<Outcome> registerOrReplace(
      Tenant tenant, Bot current, VerifiedToken token, String adminId, Instant now) {
    if (current == null || current.status == BotStatus.REMOVED) {
      return registrar
          .register(tenant, token, BotStatus.ACTIVE, now)
          .chain(bot -> announce(bot, adminId, "master.bot.register"))
          .map(bot -> new Outcome(BotView.of(bot, TenantKind.MASTER), true));
    }
    return registrar
        .replaceToken(current, token, now)
        .chain(
            changed -> {
              if (!changed) {
                return Uni.createFrom().item(current);
              }
              current.status = BotStatus.ACTIVE;
              current.statusReason = null;
              return announce(current, adminId, "master.bot.replace");
            })
        .map(bot -> new Outcome(BotView.of(bot, TenantKind.MASTER), false));
  }

  private Uni<Bot> announce(Bot bot, String adminId, String action) {
    return outbox
        .publish(
            new BotRegistered(
                bot.tenantId, TenantKind.MASTER, bot.botId, bot.username, bot.status.wireName()))
        .call(() -> outbox.publish(new BotActivated(bot.tenantId, TenantKind.MASTER, bot.botId)))
        .call(
            () ->
                audit.record(
                    adminId,
                    action,
                    Tenant.MASTER_ID,
                    Map.of("bot_id", bot.botId, "username", String.valueOf(bot.username))))
        .replaceWith(bot);
  }

  private Uni<Tenant> newMaster(Instant now) {
    Tenant tenant = new Tenant();
    tenant.id = Tenant.MASTER_ID;
    tenant.kind = TenantKind.MASTER;
    tenant.status = TenantStatus.ACTIVE;
    tenant.name = config.name();
    tenant.createdAt = now;
    tenant.updatedAt = now;
    return tenants.persist(tenant).call(tenants::flush);
  }
}
