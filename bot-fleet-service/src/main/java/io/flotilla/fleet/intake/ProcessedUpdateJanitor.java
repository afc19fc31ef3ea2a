package io.flotilla.fleet.intake;

import io.flotilla.fleet.bot.FleetConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Forgets handled update ids once Telegram can no longer redeliver them. */
@ApplicationScoped
public class ProcessedUpdateJanitor {

  private final Pool pool;
  private final FleetConfig config;

  public ProcessedUpdateJanitor(Pool pool, FleetConfig config) {
    this.pool = pool;
    this.config = config;
  }

  @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> forgetOldUpdates() {
    return pool.preparedQuery("delete from processed_update where processed_at < $1")
        .execute(
            Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(config.processedUpdateRetention())))
        .replaceWithVoid();
  }
}
