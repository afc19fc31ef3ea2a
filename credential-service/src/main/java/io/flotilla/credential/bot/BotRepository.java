package io.flotilla.credential.bot;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class BotRepository implements PanacheRepositoryBase<Bot, String> {

  private static final List<BotStatus> SERVING = List.of(BotStatus.ACTIVE, BotStatus.RATE_LIMITED);

  public Uni<Bot> existing(String tenantId) {
    return findById(tenantId).onItem().ifNull().failWith(() -> noBot(tenantId));
  }

  /** The tenant's bot, locked until the transaction ends, so status changes never interleave. */
  public Uni<Bot> lockExisting(String tenantId) {
    return findById(tenantId, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> noBot(tenantId));
  }

  /** The bot with its tenant's kind and name, in one query (the fleet's hot path). */
  public Uni<Object[]> withTenant(String tenantId) {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select b, t.kind, t.name from Bot b, Tenant t"
                            + " where b.tenantId = :tenantId and t.id = b.tenantId",
                        Object[].class)
                    .setParameter("tenantId", tenantId)
                    .getSingleResultOrNull())
        .onItem()
        .ifNull()
        .failWith(() -> noBot(tenantId));
  }

  /**
   * Bots that should be running now, in tenant id order, after the given tenant id. A paused
   * agent's bot keeps running: the inventory refuses its sales, and its owners still read their
   * earnings and wallet in it.
   */
  public Uni<List<ServingBot>> serving(String afterTenantId, int limit) {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select new io.flotilla.credential.bot.ServingBot(b.tenantId, t.kind,"
                            + " b.botId) from Bot b, Tenant t where t.id = b.tenantId and b.status"
                            + " in :serving and b.tenantId > :after"
                            + " order by b.tenantId",
                        ServingBot.class)
                    .setParameter("serving", SERVING)
                    .setParameter("after", afterTenantId)
                    .setMaxResults(limit)
                    .getResultList());
  }

  /** A page of bots with their tenants' kinds, newest first, optionally of one status. */
  public Uni<List<BotView>> page(Optional<BotStatus> status, int offset, int limit) {
    String where = status.isPresent() ? " and b.status = :status" : "";
    return getSession()
        .chain(
            session -> {
              var query =
                  session
                      .createQuery(
                          "select b, t.kind from Bot b, Tenant t where t.id = b.tenantId"
                              + where
                              + " order by b.createdAt desc, b.tenantId",
                          Object[].class)
                      .setFirstResult(offset)
                      .setMaxResults(limit);
              status.ifPresent(value -> query.setParameter("status", value));
              return query.getResultList();
            })
        .map(
            rows ->
                rows.stream().map(row -> BotView.of((Bot) row[0], (TenantKind) row[1])).toList());
  }

  public Uni<Long> countWith(Optional<BotStatus> status) {
    return status.isPresent() ? count("status", status.get()) : count();
  }

  static ProblemException noBot(String tenantId) {
    return ProblemException.notFound("No bot for tenant " + tenantId);
  }
}
