package io.flotilla.credential.bot;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class BotRepository implements PanacheRepositoryBase<Bot, String> {

  public Uni<Boolean> botIdTaken(long botId) {
    return count("botId", botId).map(count -> count > 0);
  }

  /** Bots that should be running now, in tenant id order, after the given tenant id. */
  public Uni<List<ServingBot>> serving(String afterTenantId, int limit) {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select new io.flotilla.credential.bot.ServingBot(b.tenantId, t.kind,"
                            + " b.botId) from Bot b, Tenant t where t.id = b.tenantId and b.status"
                            + " = :active and t.status = :tenantActive and b.tenantId > :after"
                            + " order by b.tenantId",
                        ServingBot.class)
                    .setParameter("active", BotStatus.ACTIVE)
                    .setParameter("tenantActive", io.flotilla.credential.tenant.TenantStatus.ACTIVE)
                    .setParameter("after", afterTenantId)
                    .setMaxResults(limit)
                    .getResultList());
  }
}
