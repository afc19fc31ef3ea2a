package io.flotilla.credential.admin;

import io.flotilla.contracts.events.PlatformAdminsChanged;
import io.flotilla.credential.audit.AuditLog;
import io.flotilla.platform.outbox.Outbox;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The platform admins: the Telegram users who may run admin commands in the master bot. Those of
 * {@code FLOTILLA_ADMIN_TELEGRAM_IDS} are fixed; admins add and remove others at run time. Every
 * change is audited and publishes {@code PlatformAdminsChanged} with the full list, so the fleet
 * follows without a restart. Checked at start-up, so a malformed id list stops the service there.
 */
@Startup
@ApplicationScoped
public class PlatformAdminService {

  private final PlatformAdminRepository admins;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Clock clock;
  private final SortedSet<Long> configured;

  public PlatformAdminService(
      PlatformAdminRepository admins,
      Outbox outbox,
      AuditLog audit,
      Clock clock,
      PlatformAdminConfig config) {
    this.admins = admins;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
    TreeSet<Long> ids = new TreeSet<>(config.telegramIds().orElse(List.of()));
    if (!ids.isEmpty() && ids.first() <= 0) {
      throw new IllegalStateException(
          "FLOTILLA_ADMIN_TELEGRAM_IDS must hold Telegram user ids, which are positive; found "
              + ids.first());
    }
    this.configured = Collections.unmodifiableSortedSet(ids);
  }

  /** What adding did: the admins now, and whether the user was new. */
  public record Outcome(PlatformAdminsView admins, boolean added) {}

  @WithSession
  public Uni<PlatformAdminsView> list() {
    return view();
  }

  /** Makes a Telegram user a platform admin; one already (configured or added) changes nothing. */
  @WithTransaction
  public Uni<Outcome> add(long telegramId, String adminId) {
    return admins
        .lockForChange()
        .chain(() -> admins.findById(telegramId))
        .chain(
            existing -> {
              if (existing != null || configured.contains(telegramId)) {
                return view().map(view -> new Outcome(view, false));
              }
              PlatformAdmin admin = new PlatformAdmin();
              admin.telegramUserId = telegramId;
              admin.addedBy = adminId;
              admin.addedAt = clock.instant();
              return admins
                  .persist(admin)
                  .call(admins::flush)
                  .chain(() -> announce(adminId, "platform-admin.add", telegramId))
                  .map(view -> new Outcome(view, true));
            });
  }

  /**
   * @throws ProblemException 409 {@code platform-admin-configured} for an admin by configuration,
   *     404 for someone who is no admin
   */
  @WithTransaction
  public Uni<PlatformAdminsView> remove(long telegramId, String adminId) {
    if (configured.contains(telegramId)) {
      return Uni.createFrom()
          .failure(
              ProblemException.conflict(
                  "platform-admin-configured",
                  "Telegram user "
                      + telegramId
                      + " is a platform admin by configuration (FLOTILLA_ADMIN_TELEGRAM_IDS);"
                      + " remove the id there and restart the credential service"));
    }
    return admins
        .lockForChange()
        .chain(() -> admins.findById(telegramId))
        .chain(
            existing -> {
              if (existing == null) {
                throw ProblemException.notFound(
                    "Telegram user " + telegramId + " is not a platform admin");
              }
              return admins
                  .delete(existing)
                  .call(admins::flush)
                  .chain(() -> announce(adminId, "platform-admin.remove", telegramId));
            });
  }

  private Uni<PlatformAdminsView> announce(String adminId, String action, long telegramId) {
    return view()
        .call(view -> outbox.publish(new PlatformAdminsChanged(view.telegramIds())))
        .call(
            () ->
                audit.record(
                    adminId, action, "tg:" + telegramId, Map.of("telegram_id", telegramId)));
  }

  private Uni<PlatformAdminsView> view() {
    return admins.addedIds().map(added -> PlatformAdminsView.of(configured, added));
  }
}
