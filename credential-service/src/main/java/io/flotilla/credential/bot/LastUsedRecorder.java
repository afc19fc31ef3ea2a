package io.flotilla.credential.bot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Remembers when the fleet last fetched each bot's token and writes it in one statement every
 * {@code flotilla.bots.last-used-flush-interval}, so a token read stays a read: no row lock, no
 * commit to wait for, even when the fleet fetches thousands of tokens at start-up. A crash loses at
 * most one interval of {@code last_used_at}, which is only informational.
 */
@ApplicationScoped
public class LastUsedRecorder {

  private static final Logger LOG = Logger.getLogger(LastUsedRecorder.class);

  private final Pool pool;
  private final Map<String, Instant> pending = new ConcurrentHashMap<>();

  public LastUsedRecorder(Pool pool) {
    this.pool = pool;
  }

  public void used(String tenantId, Instant at) {
    pending.merge(tenantId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
  }

  @Scheduled(
      every = "${flotilla.bots.last-used-flush-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> flush() {
    if (pending.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<String> tenants = new ArrayList<>();
    List<OffsetDateTime> times = new ArrayList<>();
    for (String tenant : List.copyOf(pending.keySet())) {
      Instant at = pending.remove(tenant);
      if (at != null) {
        tenants.add(tenant);
        times.add(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      }
    }
    return pool.preparedQuery(
            "update bot set last_used_at = used.at"
                + " from unnest($1::text[], $2::timestamptz[]) as used(tenant_id, at)"
                + " where bot.tenant_id = used.tenant_id"
                + " and (bot.last_used_at is null or bot.last_used_at < used.at)")
        .execute(Tuple.of(tenants.toArray(String[]::new), times.toArray(OffsetDateTime[]::new)))
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            failure -> {
              for (int i = 0; i < tenants.size(); i++) {
                used(tenants.get(i), times.get(i).toInstant());
              }
              LOG.warnf(
                  "last_used_at not written, retrying: %s", failure.getClass().getSimpleName());
              return null;
            });
  }
}
