package io.flotilla.credential.admin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PlatformAdminRepository implements PanacheRepositoryBase<PlatformAdmin, Long> {

  /** The Telegram user ids of the admins added at run time, ascending. */
  public Uni<List<Long>> addedIds() {
    return getSession()
        .chain(
            session ->
                session
                    .createQuery(
                        "select a.telegramUserId from PlatformAdmin a order by a.telegramUserId",
                        Long.class)
                    .getResultList());
  }

  /**
   * Makes changes to the admins wait for each other until the transaction ends, so the full lists
   * their events carry follow the order of the commits. Plain reads do not wait.
   */
  public Uni<Void> lockForChange() {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("lock table platform_admin in share row exclusive mode")
                    .executeUpdate())
        .replaceWithVoid();
  }
}
