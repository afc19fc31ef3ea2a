package io.flotilla.fleet.dispatch;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Forgets handled update ids once Telegram can no longer redeliver them, and conversations left
 * idle past their timeout (they already read as ended; this only frees the rows).
 */
@ApplicationScoped
public class StateJanitor {

  private final Pool pool;
  private final DispatchConfig config;

  public StateJanitor(Pool pool, DispatchConfig config) {
    this.pool = pool;
    this.config = config;
  }

  @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> forgetOldState() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return pool.preparedQuery("delete from processed_update where processed_at < $1")
        .execute(Tuple.of(now.minus(config.processedUpdateRetention())))
        .chain(
            () ->
                pool.preparedQuery("delete from conversation where updated_at < $1")
                    .execute(Tuple.of(now.minus(config.conversationIdleTimeout()))))
        .replaceWithVoid();
  }
}
