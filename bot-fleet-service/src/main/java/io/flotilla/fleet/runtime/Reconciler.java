package io.flotilla.fleet.runtime;

import io.flotilla.fleet.dispatch.PlatformAdmins;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The periodic pass that makes the running bots converge to the credential service's list, whatever
 * events were missed: bots that should serve and do not run are started, running bots no longer on
 * the list are stopped. It also reloads the platform admins. Runs at start-up (that is how the
 * fleet starts its bots) and every {@code flotilla.fleet.reconcile-every}; a pass that cannot reach
 * the credential service changes nothing and the next one tries again.
 */
@ApplicationScoped
public class Reconciler {

  private static final Logger LOG = Logger.getLogger(Reconciler.class);

  private final CredentialClient credentials;
  private final BotSupervisor supervisor;
  private final PlatformAdmins admins;
  private final FleetConfig config;

  public Reconciler(
      @RestClient CredentialClient credentials,
      BotSupervisor supervisor,
      PlatformAdmins admins,
      FleetConfig config) {
    this.credentials = credentials;
    this.supervisor = supervisor;
    this.admins = admins;
    this.config = config;
  }

  @Scheduled(
      every = "${flotilla.fleet.reconcile-every:60s}",
      delayed = "0s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> pass() {
    return reloadAdmins()
        .onFailure()
        .invoke(failure -> LOG.warnf("Platform admins not reloaded: %s", failure.toString()))
        .onFailure()
        .recoverWithNull()
        .chain(() -> servingTenants(null, new HashSet<>()))
        .invoke(this::converge)
        .invoke(supervisor::firstPassDone)
        .onFailure()
        .invoke(failure -> LOG.warnf("Reconciliation pass skipped: %s", failure.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Loads the admins' ids; the admins' command menus follow when the list changed. */
  public Uni<Void> reloadAdmins() {
    return credentials
        .platformAdmins()
        .invoke(
            list -> {
              Set<Long> ids = Set.copyOf(list.telegramIds());
              if (!ids.equals(admins.all())) {
                admins.replace(ids);
                supervisor.refreshMenus();
              }
            })
        .replaceWithVoid();
  }

  private void converge(Set<String> serving) {
    Set<String> running = supervisor.runningTenants();
    int started = 0;
    for (String tenantId : serving) {
      if (!running.contains(tenantId)) {
        supervisor.nudge(tenantId);
        started++;
      }
    }
    int stopped = 0;
    for (String tenantId : running) {
      if (!serving.contains(tenantId)) {
        // Looked at again rather than stopped blindly: it may have been started since the list.
        supervisor.nudge(tenantId);
        stopped++;
      }
    }
    if (started + stopped > 0) {
      LOG.infof("Reconciliation: %d bots to start, %d to check", started, stopped);
    }
  }

  private Uni<Set<String>> servingTenants(String after, Set<String> collected) {
    return credentials
        .serving(after, config.bootstrapPageSize())
        .chain(
            page -> {
              page.forEach(bot -> collected.add(bot.tenantId()));
              if (page.size() < config.bootstrapPageSize()) {
                return Uni.createFrom().item(collected);
              }
              List<ServingBot> last = page;
              return servingTenants(last.getLast().tenantId(), collected);
            });
  }
}
