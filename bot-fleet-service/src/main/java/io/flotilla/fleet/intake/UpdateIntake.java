package io.flotilla.fleet.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.fleet.bot.BotContext;
import io.flotilla.fleet.conversation.UpdateRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where every update enters, whether by long poll or webhook. Telegram may deliver an update more
 * than once (a poll whose confirmation was lost, a webhook retry); the (bot, update id) pair is
 * claimed in PostgreSQL first, so a second delivery finds it and is dropped.
 */
@ApplicationScoped
public class UpdateIntake {

  private final Pool pool;
  private final UpdateRouter router;
  private final Counter accepted;
  private final Counter duplicates;

  public UpdateIntake(Pool pool, UpdateRouter router, MeterRegistry registry) {
    this.pool = pool;
    this.router = router;
    this.accepted = registry.counter("flotilla.fleet.updates.accepted");
    this.duplicates = registry.counter("flotilla.fleet.updates.duplicates");
  }

  public Uni<Void> accept(BotContext bot, JsonNode update) {
    long updateId = update.path("update_id").asLong(-1);
    if (updateId < 0) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(
            "insert into processed_update (bot_id, update_id) values ($1, $2) on conflict do nothing")
        .execute(Tuple.of(bot.botId(), updateId))
        .chain(
            claimed -> {
              if (claimed.rowCount() == 0) {
                duplicates.increment();
                return Uni.createFrom().voidItem();
              }
              accepted.increment();
              return router.route(bot, update);
            });
  }
}
