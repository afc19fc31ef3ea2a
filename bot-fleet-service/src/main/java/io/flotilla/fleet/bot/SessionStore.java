package io.flotilla.fleet.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fleet.i18n.Language;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Writes the conversation step and the language a person chose. Reading happens in the one
 * statement that also claims the update ({@code UpdateIntake}), so an update costs one round trip
 * before its handler runs.
 */
@ApplicationScoped
public class SessionStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Pool pool;

  public SessionStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Moves the person to a step, if the row is still at the version read with the update; returns
   * the new version, or fails with {@link StaleConversationException} when another writer won.
   */
  Uni<Integer> enter(Ctx.Key key, String step, Object data, int expectedVersion) {
    JsonObject json = new JsonObject(JSON.convertValue(data, Map.class));
    return pool.preparedQuery(
            """
            insert into conversation (bot_id, chat_id, user_id, step, data)
            values ($1, $2, $3, $4, $5)
            on conflict (bot_id, chat_id, user_id) do update
               set step = excluded.step, data = excluded.data,
                   version = conversation.version + 1, updated_at = now()
             where conversation.version = $6
            returning version
            """)
        .execute(Tuple.of(key.botId(), key.chatId(), key.userId(), step, json, expectedVersion))
        .map(
            rows -> {
              if (rows.rowCount() == 0) {
                throw new StaleConversationException();
              }
              return rows.iterator().next().getInteger(0);
            });
  }

  /** Ends the person's conversation; a later writer's step is left alone. */
  Uni<Void> leave(Ctx.Key key, int expectedVersion) {
    return pool.preparedQuery(
            "delete from conversation where bot_id = $1 and chat_id = $2 and user_id = $3"
                + " and version = $4")
        .execute(Tuple.of(key.botId(), key.chatId(), key.userId(), expectedVersion))
        .replaceWithVoid();
  }

  Uni<Void> chooseLanguage(String tenantId, long userId, Language language) {
    return pool.preparedQuery(
            """
            insert into customer_preference (tenant_id, user_id, language, chosen)
            values ($1, $2, $3, true)
            on conflict (tenant_id, user_id) do update
               set language = excluded.language, chosen = true, updated_at = now()
            """)
        .execute(Tuple.of(tenantId, userId, language.code()))
        .replaceWithVoid();
  }

  /** Another writer changed the conversation since this update read it. */
  public static final class StaleConversationException extends RuntimeException {
    StaleConversationException() {
      super("the conversation changed since this update read it", null, false, false);
    }
  }
}
