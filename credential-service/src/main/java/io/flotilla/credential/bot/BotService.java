package io.flotilla.credential.bot;

import io.flotilla.contracts.events.BotFailed;
import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.tenant.TenantRepository;
import io.flotilla.platform.outbox.Outbox;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the fleet needs from the credential store: which bots to run, and their tokens. */
@ApplicationScoped
public class BotService {

  private static final Set<BotStatus> CAN_FAIL =
      EnumSet.of(BotStatus.ACTIVE, BotStatus.RATE_LIMITED);

  private final BotRepository bots;
  private final TenantRepository tenants;
  private final CredentialCipher cipher;
  private final Outbox outbox;
  private final Clock clock;

  public BotService(
      BotRepository bots,
      TenantRepository tenants,
      CredentialCipher cipher,
      Outbox outbox,
      Clock clock) {
    this.bots = bots;
    this.tenants = tenants;
    this.cipher = cipher;
    this.outbox = outbox;
    this.clock = clock;
  }

  @WithSession
  public Uni<List<ServingBot>> serving(String afterTenantId, int limit) {
    return bots.serving(afterTenantId, limit);
  }

  @WithSession
  public Uni<BotView> find(String tenantId) {
    return existing(tenantId).map(BotView::of);
  }

  /** Decrypts a bot's token for the fleet and records the use. */
  @WithTransaction
  public Uni<BotCredentials> credentials(String tenantId) {
    return existing(tenantId)
        .chain(
            bot ->
                tenants
                    .findById(tenantId)
                    .map(
                        tenant -> {
                          bot.lastUsedAt = clock.instant();
                          return new BotCredentials(
                              bot.tenantId,
                              tenant.kind,
                              tenant.name,
                              bot.botId,
                              bot.username,
                              cipher.decrypt(bot.tokenCiphertext, bot.tokenBinding()),
                              bot.status,
                              bot.requestsPerSecond,
                              bot.maxConcurrentRequests);
                        }));
  }

  /** Marks a serving bot as failed; reporting the same failure again changes nothing. */
  @WithTransaction
  public Uni<BotView> fail(String tenantId, String reason) {
    return existing(tenantId)
        .chain(
            bot -> {
              if (!CAN_FAIL.contains(bot.status)) {
                return Uni.createFrom().item(BotView.of(bot));
              }
              bot.status = BotStatus.ERROR;
              bot.statusReason = reason;
              bot.updatedAt = clock.instant();
              return outbox
                  .publish(new BotFailed(bot.tenantId, bot.botId, reason))
                  .map(published -> BotView.of(bot));
            });
  }

  private Uni<Bot> existing(String tenantId) {
    return bots.findById(tenantId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No bot for tenant " + tenantId));
  }
}
