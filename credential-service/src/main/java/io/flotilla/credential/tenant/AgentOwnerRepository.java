package io.flotilla.credential.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agents' owners. Writes run in the caller's transaction, which holds the agent's tenant row
 * locked, so changes to one agent's owners apply one after the other.
 */
@ApplicationScoped
public class AgentOwnerRepository implements PanacheRepositoryBase<AgentOwner, AgentOwner.Key> {

  /** The agent's owners' Telegram user ids, ascending. */
  public Uni<List<Long>> of(String tenantId) {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select o.telegramUserId from AgentOwner o where o.tenantId = :tenantId"
                            + " order by o.telegramUserId",
                        Long.class)
                    .setParameter("tenantId", tenantId)
                    .getResultList());
  }

  /** The owners of each of the agents, ascending; an agent without owners maps to an empty list. */
  public Uni<Map<String, List<Long>>> ofEach(Collection<String> tenantIds) {
    Map<String, List<Long>> owners = new LinkedHashMap<>();
    tenantIds.forEach(tenantId -> owners.put(tenantId, new ArrayList<>()));
    if (tenantIds.isEmpty()) {
      return Uni.createFrom().item(owners);
    }
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select o.tenantId, o.telegramUserId from AgentOwner o"
                            + " where o.tenantId in :tenantIds order by o.telegramUserId",
                        Object[].class)
                    .setParameter("tenantIds", tenantIds)
                    .getResultList())
        .map(
            rows -> {
              rows.forEach(row -> owners.get((String) row[0]).add((Long) row[1]));
              return owners;
            });
  }

  /** Makes the agent's owners exactly {@code telegramUserIds}; owners kept keep their record. */
  public Uni<Void> replace(
      String tenantId, Collection<Long> telegramUserIds, String addedBy, Instant now) {
    Set<Long> wanted = new HashSet<>(telegramUserIds);
    return of(tenantId)
        .chain(
            current -> {
              Uni<Long> removed =
                  wanted.isEmpty()
                      ? delete("tenantId", tenantId)
                      : delete(
                          "tenantId = ?1 and telegramUserId not in ?2",
                          tenantId,
                          List.copyOf(wanted));
              List<AgentOwner> added = new ArrayList<>();
              for (Long telegramUserId : wanted) {
                if (!current.contains(telegramUserId)) {
                  added.add(owner(tenantId, telegramUserId, addedBy, now));
                }
              }
              return removed
                  .chain(() -> added.isEmpty() ? Uni.createFrom().voidItem() : persist(added))
                  .call(this::flush);
            });
  }

  /** Adds one owner, who must not be an owner yet. */
  public Uni<Void> add(String tenantId, long telegramUserId, String addedBy, Instant now) {
    return persist(owner(tenantId, telegramUserId, addedBy, now))
        .call(this::flush)
        .replaceWithVoid();
  }

  private static AgentOwner owner(
      String tenantId, long telegramUserId, String addedBy, Instant now) {
    AgentOwner owner = new AgentOwner();
    owner.tenantId = tenantId;
    owner.telegramUserId = telegramUserId;
    owner.addedBy = addedBy;
    owner.addedAt = now;
    return owner;
  }
}
