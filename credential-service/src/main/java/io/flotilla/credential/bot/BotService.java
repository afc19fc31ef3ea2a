package io.flotilla.credential.bot;

import io.flotilla.contracts.events.BotActivated;
import io.flotilla.contracts.events.BotFailed;
import io.flotilla.contracts.events.BotRateLimitChanged;
import io.flotilla.contracts.events.BotSuspended;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.credential.api.Page;
import io.flotilla.credential.audit.AuditLog;
import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.crypto.CredentialTamperedException;
import io.flotilla.credential.crypto.TamperAlarm;
import io.flotilla.credential.tenant.AgentOwnerRepository;
import io.flotilla.credential.tenant.TenantRepository;
import io.flotilla.platform.outbox.Outbox;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A bot's life after registration: what the fleet reads (which bots to run, their tokens) and
 * reports (failures, rate limiting), and what admins do (list, access, suspend, activate, limits).
 * Every status change locks the bot row, so concurrent changes apply one after the other and the
 * events they publish follow the order of the commits.
 */
@ApplicationScoped
public class BotService {

  private final BotRepository bots;
  private final TenantRepository tenants;
  private final AgentOwnerRepository owners;
  private final CredentialCipher cipher;
  private final Outbox outbox;
  private final AuditLog audit;
  private final TamperAlarm alarm;
  private final LastUsedRecorder lastUsed;
  private final Clock clock;

  public BotService(
      BotRepository bots,
      TenantRepository tenants,
      AgentOwnerRepository owners,
      CredentialCipher cipher,
      Outbox outbox,
      AuditLog audit,
      TamperAlarm alarm,
      LastUsedRecorder lastUsed,
      Clock clock) {
    this.bots = bots;
    this.tenants = tenants;
    this.owners = owners;
    this.cipher = cipher;
    this.outbox = outbox;
    this.audit = audit;
    this.alarm = alarm;
    this.lastUsed = lastUsed;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<ServingBot>> serving(String afterTenantId, int limit) {
    return bots.serving(afterTenantId, limit);
  }

  @WithSession
  public Uni<BotView> find(String tenantId) {
    return bots.existing(tenantId).chain(this::view);
  }

  @WithSession
  public Uni<Page<BotView>> list(Optional<BotStatus> status, int page, int limit) {
    return bots.page(status, Page.offset(page, limit), limit)
        .chain(items -> bots.countWith(status).map(total -> new Page<>(items, page, limit, total)));
  }

  /**
   * Decrypts a bot's token for the fleet and records the use. An agent's owners come along, and a
   * user's own Telegram id for their bot; other tenants cost no second query.
   */
  @WithSession
  public Uni<BotCredentials> credentials(String tenantId) {
    return bots.withTenant(tenantId)
        .chain(
            row -> {
              Bot bot = (Bot) row[0];
              if (bot.status == BotStatus.REMOVED) {
                throw ProblemException.notFound("The bot of tenant " + tenantId + " was removed");
              }
              TenantKind kind = (TenantKind) row[1];
              Uni<List<Long>> ownerIds =
                  kind == TenantKind.AGENT
                      ? owners.of(tenantId)
                      : Uni.createFrom().item(userBotOwner(kind, tenantId));
              return ownerIds.map(
                  ids -> {
                    BotCredentials credentials =
                        new BotCredentials(
                            bot.tenantId,
                            kind,
                            (String) row[2],
                            bot.botId,
                            bot.username,
                            decryptToken(bot),
                            bot.status,
                            bot.requestsPerSecond,
                            bot.maxConcurrentRequests,
                            ids);
                    lastUsed.used(tenantId, clock.instant());
                    return credentials;
                  });
            });
  }

  /**
   * The owner of a user's own bot: a user who signed in with Telegram has their Telegram id as user
   * id ({@code user:<telegram id>}), and their bot relays people's messages to them.
   */
  static List<Long> userBotOwner(TenantKind kind, String tenantId) {
    String userId = tenantId.substring(tenantId.indexOf(':') + 1);
    if (kind != TenantKind.USER || !userId.matches("[1-9][0-9]{0,18}")) {
      return List.of();
    }
    try {
      return List.of(Long.parseLong(userId));
    } catch (NumberFormatException e) {
      return List.of();
    }
  }

  /** The bot's token, for a {@code getMe} re-check outside any transaction. */
  @WithSession
  public Uni<String> token(String tenantId) {
    return bots.existing(tenantId)
        .map(
            bot -> {
              if (bot.status == BotStatus.REMOVED) {
                throw ProblemException.notFound("The bot of tenant " + tenantId + " was removed");
              }
              return decryptToken(bot);
            });
  }

  @WithSession
  public Uni<BotStatus> status(String tenantId) {
    return bots.existing(tenantId).map(bot -> bot.status);
  }

  /** The fleet cannot serve the bot (Telegram answered 401, for example): status error. */
  @WithTransaction
  public Uni<BotView> fail(String tenantId, String reason) {
    return change(
        tenantId,
        BotTransition.FAIL,
        reason,
        bot -> outbox.publish(new BotFailed(bot.tenantId, bot.botId, reason)).replaceWithVoid());
  }

  /** The fleet keeps hitting Telegram's limits for this bot: status rate_limited. */
  @WithTransaction
  public Uni<BotView> throttle(String tenantId, String reason) {
    return change(tenantId, BotTransition.THROTTLE, reason, bot -> Uni.createFrom().voidItem());
  }

  /** A rate-limited bot is within Telegram's limits again. */
  @WithTransaction
  public Uni<BotView> recover(String tenantId) {
    return change(tenantId, BotTransition.RECOVER, null, bot -> Uni.createFrom().voidItem());
  }

  /** An admin looks at a bot: audited, and answered without any secret. */
  @WithTransaction
  public Uni<BotView> access(String tenantId, String adminId) {
    return bots.existing(tenantId)
        .call(bot -> audit.record(adminId, "bot.access", tenantId, Map.of("bot_id", bot.botId)))
        .chain(this::view);
  }

  @WithTransaction
  public Uni<BotView> suspend(String tenantId, String reason, String adminId) {
    return change(
        tenantId,
        BotTransition.SUSPEND,
        reason,
        bot ->
            outbox
                .publish(new BotSuspended(bot.tenantId, bot.botId, reason))
                .call(
                    () ->
                        audit.record(
                            adminId,
                            "bot.suspend",
                            tenantId,
                            Map.of("bot_id", bot.botId, "reason", reason)))
                .replaceWithVoid());
  }

  /**
   * Lets a suspended, rate-limited or failed bot serve again. A failed bot's token must have passed
   * {@code getMe} again first (the caller checks).
   */
  @WithTransaction
  public Uni<BotView> activate(String tenantId, String adminId) {
    return change(
        tenantId,
        BotTransition.ACTIVATE,
        null,
        bot ->
            tenants
                .existing(tenantId)
                .call(
                    tenant ->
                        outbox.publish(new BotActivated(bot.tenantId, tenant.kind, bot.botId)))
                .call(
                    () ->
                        audit.record(
                            adminId, "bot.activate", tenantId, Map.of("bot_id", bot.botId)))
                .replaceWithVoid());
  }

  @WithTransaction
  public Uni<BotView> changeRateLimit(String tenantId, RateLimitChange change, String adminId) {
    return bots.lockExisting(tenantId)
        .chain(
            bot -> {
              if (bot.status == BotStatus.REMOVED) {
                throw ProblemException.conflict(
                    "bot-removed", "The bot of tenant " + tenantId + " was removed");
              }
              if (bot.requestsPerSecond == change.requestsPerSecond()
                  && bot.maxConcurrentRequests == change.maxConcurrentRequests()) {
                return view(bot);
              }
              Map<String, Object> details =
                  Map.of(
                      "bot_id", bot.botId,
                      "from_requests_per_second", bot.requestsPerSecond,
                      "from_max_concurrent_requests", bot.maxConcurrentRequests,
                      "requests_per_second", change.requestsPerSecond(),
                      "max_concurrent_requests", change.maxConcurrentRequests());
              bot.requestsPerSecond = change.requestsPerSecond();
              bot.maxConcurrentRequests = change.maxConcurrentRequests();
              bot.updatedAt = clock.instant();
              return outbox
                  .publish(
                      new BotRateLimitChanged(
                          bot.tenantId,
                          bot.botId,
                          bot.requestsPerSecond,
                          bot.maxConcurrentRequests))
                  .call(() -> audit.record(adminId, "bot.rate-limit", tenantId, details))
                  .chain(() -> view(bot));
            });
  }

  private Uni<BotView> change(
      String tenantId, BotTransition transition, String reason, Function<Bot, Uni<Void>> effects) {
    Instant now = clock.instant();
    return bots.lockExisting(tenantId)
        .chain(
            bot ->
                transition.apply(bot, reason, now)
                    ? effects.apply(bot).chain(() -> view(bot))
                    : view(bot));
  }

  private Uni<BotView> view(Bot bot) {
    return tenants.existing(bot.tenantId).map(tenant -> BotView.of(bot, tenant.kind));
  }

  private String decryptToken(Bot bot) {
    try {
      return cipher.decrypt(bot.tokenCiphertext, bot.tokenBinding());
    } catch (CredentialTamperedException e) {
      throw alarm.raise(bot.tenantId, e);
    }
  }
}
