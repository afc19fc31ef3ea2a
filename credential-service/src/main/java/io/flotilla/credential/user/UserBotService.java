package io.flotilla.credential.user;

import io.flotilla.contracts.events.BotActivated;
import io.flotilla.contracts.events.BotRegistered;
import io.flotilla.contracts.events.BotRemoved;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.bot.BotRegistrar;
import io.flotilla.credential.bot.BotRepository;
import io.flotilla.credential.bot.BotStatus;
import io.flotilla.credential.bot.BotTransition;
import io.flotilla.credential.bot.BotView;
import io.flotilla.credential.bot.VerifiedToken;
import io.flotilla.credential.mtproto.MtprotoService;
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

/**
 * Users' own bots: register (pending), verify (active), remove (secrets wiped). The tenant of user
 * {@code 42} is {@code user:42}.
 */
@ApplicationScoped
public class UserBotService {

  private final TenantRepository tenants;
  private final BotRepository bots;
  private final BotRegistrar registrar;
  private final MtprotoService mtproto;
  private final Outbox outbox;
  private final Clock clock;

  public UserBotService(
      TenantRepository tenants,
      BotRepository bots,
      BotRegistrar registrar,
      MtprotoService mtproto,
      Outbox outbox,
      Clock clock) {
    this.tenants = tenants;
    this.bots = bots;
    this.registrar = registrar;
    this.mtproto = mtproto;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Stores a user's bot whose token {@code getMe} accepted, status pending. The tenant, the bot,
   * the MTProto account and {@code BotRegistered} commit together or not at all.
   */
  @WithTransaction
  public Uni<UserBotView> register(RegisterUserBotRequest request, VerifiedToken token) {
    String tenantId = Tenant.userTenantId(request.userId());
    Instant now = clock.instant();
    return tenants
        .findById(tenantId, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            existing -> existing != null ? Uni.createFrom().item(existing) : newUser(request, now))
        .onFailure()
        .transform(BotRegistrar::explainConflict)
        .chain(tenant -> registrar.register(tenant, token, BotStatus.PENDING, now))
        .call(
            bot ->
                request.hasMtproto()
                    ? mtproto.create(tenantId, request.apiId(), request.apiHash(), request.phone())
                    : Uni.createFrom().voidItem())
        .call(
            bot ->
                outbox.publish(
                    new BotRegistered(
                        tenantId, TenantKind.USER, bot.botId, bot.username, bot.status.wireName())))
        .map(bot -> view(request.userId(), bot, request.hasMtproto()));
  }

  @WithSession
  public Uni<UserBotView> find(String userId) {
    return userBot(userId, LockModeType.NONE)
        .chain(bot -> mtproto.exists(bot.tenantId).map(has -> view(userId, bot, has)));
  }

  /** The user's bot is in a state {@code verify} can act on (pending or error). */
  @WithSession
  public Uni<Boolean> needsVerification(String userId) {
    return userBot(userId, LockModeType.NONE)
        .map(bot -> bot.status == BotStatus.PENDING || bot.status == BotStatus.ERROR);
  }

  /**
   * Makes the bot active after {@code getMe} accepted its token again. Verifying an active bot
   * changes nothing; a suspended or removed one cannot be verified.
   */
  @WithTransaction
  public Uni<UserBotView> markVerified(String userId) {
    return userBot(userId, LockModeType.PESSIMISTIC_WRITE)
        .call(
            bot ->
                BotTransition.VERIFY.apply(bot, null, clock.instant())
                    ? outbox.publish(new BotActivated(bot.tenantId, TenantKind.USER, bot.botId))
                    : Uni.createFrom().voidItem())
        .chain(bot -> mtproto.exists(bot.tenantId).map(has -> view(userId, bot, has)));
  }

  /**
   * Removes the user's bot: status removed, the token's ciphertext and fingerprint and the MTProto
   * account deleted, so nothing of it remains to decrypt and the bot may be registered again.
   */
  @WithTransaction
  public Uni<Void> remove(String userId) {
    return userBot(userId, LockModeType.PESSIMISTIC_WRITE)
        .call(
            bot -> {
              if (!BotTransition.REMOVE.apply(bot, null, clock.instant())) {
                return Uni.createFrom().voidItem();
              }
              bot.tokenCiphertext = null;
              bot.tokenFingerprint = null;
              return mtproto
                  .delete(bot.tenantId)
                  .chain(() -> outbox.publish(new BotRemoved(bot.tenantId, bot.botId)));
            })
        .replaceWithVoid();
  }

  private Uni<Tenant> newUser(RegisterUserBotRequest request, Instant now) {
    Tenant tenant = new Tenant();
    tenant.id = Tenant.userTenantId(request.userId());
    tenant.kind = TenantKind.USER;
    tenant.name = request.userId();
    tenant.status = TenantStatus.ACTIVE;
    tenant.createdAt = now;
    tenant.updatedAt = now;
    return tenants.persist(tenant).call(tenants::flush);
  }

  private Uni<Bot> userBot(String userId, LockModeType lock) {
    String tenantId = Tenant.userTenantId(userId);
    return bots.findById(tenantId, lock)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("User " + userId + " has no bot"));
  }

  private static UserBotView view(String userId, Bot bot, boolean mtproto) {
    return new UserBotView(userId, BotView.of(bot, TenantKind.USER), mtproto);
  }
}
