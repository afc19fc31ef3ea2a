package io.flotilla.credential.agent;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.Markup;
import io.flotilla.credential.audit.AuditLog;
import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.bot.BotDefaults;
import io.flotilla.credential.bot.BotRepository;
import io.flotilla.credential.bot.BotStatus;
import io.flotilla.credential.bot.BotTokenFormat;
import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.tenant.Tenant;
import io.flotilla.credential.tenant.TenantRepository;
import io.flotilla.credential.tenant.TenantStatus;
import io.flotilla.platform.outbox.Outbox;
import io.flotilla.platform.persistence.DatabaseErrors;
import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.telegram.BotIdentity;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Creates and manages resellers and their clone bots. */
@ApplicationScoped
public class AgentService {

  private final TenantRepository tenants;
  private final BotRepository bots;
  private final CredentialCipher cipher;
  private final Outbox outbox;
  private final AuditLog audit;
  private final BotDefaults defaults;
  private final Clock clock;

  public AgentService(
      TenantRepository tenants,
      BotRepository bots,
      CredentialCipher cipher,
      Outbox outbox,
      AuditLog audit,
      BotDefaults defaults,
      Clock clock) {
    this.tenants = tenants;
    this.bots = bots;
    this.cipher = cipher;
    this.outbox = outbox;
    this.audit = audit;
    this.defaults = defaults;
    this.clock = clock;
  }

  /**
   * Stores a new agent whose token {@code getMe} has already accepted. The agent, its bot, the
   * audit entry and {@code AgentCreated} commit together or not at all.
   */
  @WithTransaction
  public Uni<AgentView> create(CreateAgentRequest request, BotIdentity identity, String adminId) {
    Markup markup = request.markup() == null ? Markup.NONE : request.markup();
    return tenants
        .findById(request.agentId())
        .chain(
            existing -> {
              if (existing != null) {
                throw ProblemException.conflict(
                    "agent-exists", "Agent " + request.agentId() + " already exists");
              }
              return bots.botIdTaken(identity.id());
            })
        .chain(
            taken -> {
              if (taken) {
                throw ProblemException.conflict(
                    "bot-taken", "This bot is already registered on the platform");
              }
              Instant now = clock.instant();
              Tenant tenant = newAgent(request, markup, now);
              Bot bot = newBot(tenant, request.botToken(), identity, now);
              return tenants
                  .persist(tenant)
                  .chain(() -> bots.persist(bot))
                  .call(bots::flush)
                  .call(
                      () ->
                          outbox.publish(
                              new AgentCreated(
                                  tenant.id, tenant.name, bot.botId, bot.username, markup, 0)))
                  .call(
                      () ->
                          audit.record(
                              adminId,
                              "agent.create",
                              tenant.id,
                              Map.of("name", tenant.name, "bot_id", bot.botId)))
                  .map(saved -> AgentView.of(tenant, bot));
            })
        .onFailure(DatabaseErrors::isUniqueViolation)
        .transform(
            failure ->
                ProblemException.conflict(
                    "agent-or-bot-exists",
                    "The agent id or the bot is already registered on the platform"));
  }

  private static Tenant newAgent(CreateAgentRequest request, Markup markup, Instant now) {
    Tenant tenant = new Tenant();
    tenant.id = request.agentId();
    tenant.kind = TenantKind.AGENT;
    tenant.name = request.name();
    tenant.status = TenantStatus.ACTIVE;
    tenant.markupKind = markup.kind();
    tenant.markupValue = markup.value();
    tenant.createdAt = now;
    tenant.updatedAt = now;
    return tenant;
  }

  private Bot newBot(Tenant tenant, String token, BotIdentity identity, Instant now) {
    Bot bot = new Bot();
    bot.tenantId = tenant.id;
    bot.botId = identity.id();
    bot.username = identity.username();
    bot.tokenCiphertext = cipher.encrypt(token, Bot.tokenBinding(tenant.id, identity.id()));
    bot.tokenHint = BotTokenFormat.mask(token);
    bot.status = BotStatus.ACTIVE;
    bot.requestsPerSecond = defaults.requestsPerSecond();
    bot.maxConcurrentRequests = defaults.maxConcurrentRequests();
    bot.createdAt = now;
    bot.updatedAt = now;
    return bot;
  }
}
