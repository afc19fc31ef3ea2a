package io.flotilla.credential.agent;

import io.flotilla.contracts.events.AgentCreated;
import io.flotilla.contracts.events.AgentOwnersChanged;
import io.flotilla.contracts.events.AgentPaused;
import io.flotilla.contracts.events.AgentPricingChanged;
import io.flotilla.contracts.events.AgentResumed;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.credential.api.Page;
import io.flotilla.credential.audit.AuditLog;
import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.bot.BotRegistrar;
import io.flotilla.credential.bot.BotRepository;
import io.flotilla.credential.bot.BotStatus;
import io.flotilla.credential.bot.VerifiedToken;
import io.flotilla.credential.tenant.AgentOwnerRepository;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Creates and manages resellers, their clone bots and the Telegram users who run them (owners).
 * Every change is audited.
 */
@ApplicationScoped
public class AgentService {

  private final TenantRepository tenants;
  private final BotRepository bots;
  private final AgentOwnerRepository owners;
  private final BotRegistrar registrar;
  private final Outbox outbox;
  private final AuditLog audit;
  private final AgentDefaults defaults;
  private final Clock clock;

  public AgentService(
      TenantRepository tenants,
      BotRepository bots,
      AgentOwnerRepository owners,
      BotRegistrar registrar,
      Outbox outbox,
      AuditLog audit,
      AgentDefaults defaults,
      Clock clock) {
    this.tenants = tenants;
    this.bots = bots;
    this.owners = owners;
    this.registrar = registrar;
    this.outbox = outbox;
    this.audit = audit;
    this.defaults = defaults;
    this.clock = clock;
  }

  /** What adding an owner did: the agent as it is now, and whether the user was new. */
  public record OwnerAdded(AgentView agent, boolean added) {}

  /**
   * Stores a new agent whose token {@code getMe} has already accepted. The agent, its bot, its
   * owners, the audit entry, {@code AgentCreated} and (with owners) {@code AgentOwnersChanged}
   * commit together or not at all.
   */
  @WithTransaction
  public Uni<AgentView> create(CreateAgentRequest request, VerifiedToken token, String adminId) {
    Markup markup = request.markup() == null ? Markup.NONE : request.markup();
    List<Long> ownerIds =
        normalized(request.ownerTelegramIds() == null ? List.of() : request.ownerTelegramIds());
    if (Tenant.MASTER_ID.equals(request.agentId())) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("agent_id", "is reserved for the master shop"));
    }
    Instant now = clock.instant();
    Tenant tenant = newAgent(request, markup, now);
    try {
      requireWithinBounds(markup, tenant);
    } catch (ProblemException outOfBounds) {
      return Uni.createFrom().failure(outOfBounds);
    }
    return tenants
        .findById(request.agentId())
        .chain(
            existing -> {
              if (existing != null) {
                throw ProblemException.conflict(
                    "agent-exists", "Agent " + request.agentId() + " already exists");
              }
              return tenants.persist(tenant).call(tenants::flush);
            })
        .onFailure()
        .transform(BotRegistrar::explainConflict)
        .chain(() -> registrar.register(tenant, token, BotStatus.ACTIVE, now))
        .call(
            bot ->
                outbox.publish(
                    new AgentCreated(
                        tenant.id,
                        tenant.name,
                        bot.botId,
                        bot.username,
                        markup,
                        tenant.holdingWindowSeconds == null ? 0 : tenant.holdingWindowSeconds)))
        .call(
            () ->
                ownerIds.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : owners
                        .replace(tenant.id, ownerIds, adminId, now)
                        .call(() -> outbox.publish(new AgentOwnersChanged(tenant.id, ownerIds))))
        .call(
            bot ->
                audit.record(
                    adminId,
                    "agent.create",
                    tenant.id,
                    Map.of(
                        "name",
                        tenant.name,
                        "bot_id",
                        bot.botId,
                        "markup",
                        markup,
                        "owner_telegram_ids",
                        ownerIds)))
        .map(bot -> AgentView.of(tenant, bot, ownerIds, defaults));
  }

  @WithSession
  public Uni<Page<AgentView>> list(Optional<TenantStatus> status, int page, int limit) {
    String where = status.isPresent() ? " and t.status = :status" : "";
    return tenants
        .getSession()
        .chain(
            session -> {
              var query =
                  session
                      .createQuery(
                          "select t, b from Tenant t left join Bot b on b.tenantId = t.id"
                              + " where t.kind = :agent"
                              + where
                              + " order by t.createdAt desc, t.id",
                          Object[].class)
                      .setParameter("agent", TenantKind.AGENT)
                      .setFirstResult(Page.offset(page, limit))
                      .setMaxResults(limit);
              status.ifPresent(value -> query.setParameter("status", value));
              return query.getResultList();
            })
        .chain(
            rows ->
                owners
                    .ofEach(rows.stream().map(row -> ((Tenant) row[0]).id).toList())
                    .map(
                        ownersOf ->
                            rows.stream()
                                .map(
                                    row -> {
                                      Tenant tenant = (Tenant) row[0];
                                      return AgentView.of(
                                          tenant, (Bot) row[1], ownersOf.get(tenant.id), defaults);
                                    })
                                .toList()))
        .chain(
            items -> {
              Uni<Long> total =
                  status.isPresent()
                      ? tenants.count("kind = ?1 and status = ?2", TenantKind.AGENT, status.get())
                      : tenants.count("kind", TenantKind.AGENT);
              return total.map(count -> new Page<>(items, page, limit, count));
            });
  }

  @WithSession
  public Uni<AgentView> find(String agentId) {
    return agent(tenants.findById(agentId), agentId).chain(this::view);
  }

  @WithTransaction
  public Uni<AgentView> pause(String agentId, String reason, String adminId) {
    return lockedAgent(agentId)
        .chain(
            tenant -> {
              if (tenant.status == TenantStatus.PAUSED) {
                return view(tenant);
              }
              tenant.status = TenantStatus.PAUSED;
              tenant.statusReason = reason;
              tenant.updatedAt = clock.instant();
              return outbox
                  .publish(new AgentPaused(tenant.id, reason))
                  .call(
                      () -> audit.record(adminId, "agent.pause", agentId, Map.of("reason", reason)))
                  .chain(() -> view(tenant));
            });
  }

  @WithTransaction
  public Uni<AgentView> resume(String agentId, String adminId) {
    return lockedAgent(agentId)
        .chain(
            tenant -> {
              if (tenant.status == TenantStatus.ACTIVE) {
                return view(tenant);
              }
              tenant.status = TenantStatus.ACTIVE;
              tenant.statusReason = null;
              tenant.updatedAt = clock.instant();
              return outbox
                  .publish(new AgentResumed(tenant.id))
                  .call(() -> audit.record(adminId, "agent.resume", agentId, Map.of()))
                  .chain(() -> view(tenant));
            });
  }

  /** An admin sets the markup and, optionally, new bounds for the agent's own changes. */
  @WithTransaction
  public Uni<AgentView> changePricing(String agentId, PricingChange change, String adminId) {
    return lockedAgent(agentId)
        .chain(
            tenant -> {
              if (change.maxPercentBasisPoints() != null) {
                tenant.maxPercentBasisPoints = change.maxPercentBasisPoints();
              }
              if (change.maxFixedMinor() != null) {
                tenant.maxFixedMinor = change.maxFixedMinor();
              }
              return applyMarkup(tenant, change.markup(), adminId, "agent.pricing");
            });
  }

  /** The agent sets their own markup, within the bounds an admin gave them. */
  @WithTransaction
  public Uni<AgentView> changeOwnMarkup(String agentId, Markup markup) {
    return lockedAgent(agentId)
        .chain(tenant -> applyMarkup(tenant, markup, "agent:" + agentId, "agent.markup"));
  }

  @WithTransaction
  public Uni<AgentView> changePayout(String agentId, PayoutChange change, String adminId) {
    return lockedAgent(agentId)
        .chain(
            tenant -> {
              tenant.payoutAddress = change.payoutAddress();
              tenant.minimumWithdrawal = change.minimumWithdrawal();
              tenant.updatedAt = clock.instant();
              return audit
                  .record(
                      adminId,
                      "agent.payout",
                      agentId,
                      Map.of(
                          "payout_address",
                          change.payoutAddress(),
                          "minimum_withdrawal",
                          change.minimumWithdrawal()))
                  .chain(() -> view(tenant));
            });
  }

  /**
   * An admin sets who runs the agent, replacing the previous owners. The same owners again change
   * nothing and publish nothing.
   */
  @WithTransaction
  public Uni<AgentView> replaceOwners(String agentId, List<Long> telegramUserIds, String adminId) {
    List<Long> wanted = normalized(telegramUserIds);
    return lockedAgent(agentId)
        .chain(
            tenant ->
                owners
                    .of(tenant.id)
                    .chain(
                        current -> {
                          if (current.equals(wanted)) {
                            return view(tenant);
                          }
                          tenant.updatedAt = clock.instant();
                          return owners
                              .replace(tenant.id, wanted, adminId, tenant.updatedAt)
                              .call(() -> outbox.publish(new AgentOwnersChanged(tenant.id, wanted)))
                              .call(
                                  () ->
                                      audit.record(
                                          adminId,
                                          "agent.owners",
                                          agentId,
                                          Map.of("from", current, "owner_telegram_ids", wanted)))
                              .chain(() -> view(tenant));
                        }));
  }

  /**
   * Makes one more Telegram user an owner of the agent and publishes {@code AgentOwnersChanged}; an
   * owner already changes nothing. The caller audits the step that led here.
   */
  @WithTransaction
  public Uni<OwnerAdded> addOwner(String agentId, long telegramUserId, String actor) {
    return lockedAgent(agentId)
        .chain(
            tenant ->
                owners
                    .of(tenant.id)
                    .chain(
                        current -> {
                          if (current.contains(telegramUserId)) {
                            return view(tenant).map(agent -> new OwnerAdded(agent, false));
                          }
                          TreeSet<Long> now = new TreeSet<>(current);
                          now.add(telegramUserId);
                          tenant.updatedAt = clock.instant();
                          return owners
                              .add(tenant.id, telegramUserId, actor, tenant.updatedAt)
                              .call(
                                  () ->
                                      outbox.publish(
                                          new AgentOwnersChanged(tenant.id, List.copyOf(now))))
                              .chain(() -> view(tenant))
                              .map(agent -> new OwnerAdded(agent, true));
                        }));
  }

  private Uni<AgentView> applyMarkup(Tenant tenant, Markup markup, String actor, String action) {
    requireWithinBounds(markup, tenant);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", tenant.markup());
    details.put("markup", markup);
    details.put("max_percent_basis_points", AgentView.maxPercent(tenant, defaults));
    details.put("max_fixed_minor", AgentView.maxFixed(tenant, defaults));
    tenant.markupKind = markup.kind();
    tenant.markupValue = markup.value();
    tenant.updatedAt = clock.instant();
    return outbox
        .publish(
            new AgentPricingChanged(
                tenant.id,
                markup,
                AgentView.maxPercent(tenant, defaults),
                AgentView.maxFixed(tenant, defaults)))
        .call(() -> audit.record(actor, action, tenant.id, details))
        .chain(() -> view(tenant));
  }

  private void requireWithinBounds(Markup markup, Tenant tenant) {
    long bound =
        markup.kind() == MarkupKind.PERCENT
            ? AgentView.maxPercent(tenant, defaults)
            : AgentView.maxFixed(tenant, defaults);
    if (markup.value() > bound) {
      throw ProblemException.invalidField(
          "markup",
          "value "
              + markup.value()
              + " exceeds the agent's limit of "
              + bound
              + (markup.kind() == MarkupKind.PERCENT ? " basis points" : " minor units"));
    }
  }

  private Uni<Tenant> lockedAgent(String agentId) {
    return agent(tenants.findById(agentId, LockModeType.PESSIMISTIC_WRITE), agentId);
  }

  private static Uni<Tenant> agent(Uni<Tenant> lookup, String agentId) {
    return lookup.map(
        tenant -> {
          if (tenant == null || tenant.kind != TenantKind.AGENT) {
            throw ProblemException.notFound("No agent " + agentId);
          }
          return tenant;
        });
  }

  private Uni<AgentView> view(Tenant tenant) {
    return bots.findById(tenant.id)
        .chain(bot -> owners.of(tenant.id).map(ids -> AgentView.of(tenant, bot, ids, defaults)));
  }

  /** Distinct and ascending, as views and events show them. */
  private static List<Long> normalized(List<Long> telegramUserIds) {
    return List.copyOf(new TreeSet<>(telegramUserIds));
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
}
