package io.flotilla.fleet.feature.userbot;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The user bots' settings and the messages they relayed to their owners. */
@ApplicationScoped
public class UserBotStore {

  /** Where the person's original message is, for the owner's reply. */
  public record Relayed(long chatId, long messageId) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Pool pool;
  private final UserBotConfig config;

  public UserBotStore(Pool pool, UserBotConfig config) {
    this.pool = pool;
    this.config = config;
  }

  public Uni<UserBotSettings> settings(String tenantId) {
    return pool.preparedQuery(
            "select welcome_text, commands from user_bot_settings where tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(
            rows -> {
              if (rows.rowCount() == 0) {
                return UserBotSettings.DEFAULT;
              }
              Row row = rows.iterator().next();
              List<UserBotSettings.CommandReply> commands =
                  JSON.convertValue(
                      row.getJsonArray("commands").getList(), new TypeReference<>() {});
              return new UserBotSettings(row.getString("welcome_text"), commands);
            });
  }

  public Uni<Void> save(String tenantId, UserBotSettings settings) {
    JsonArray commands = new JsonArray(JSON.convertValue(settings.commands(), List.class));
    return pool.preparedQuery(
            """
            insert into user_bot_settings (tenant_id, welcome_text, commands) values ($1, $2, $3)
            on conflict (tenant_id) do update
               set welcome_text = excluded.welcome_text, commands = excluded.commands,
                   updated_at = now()
            """)
        .execute(Tuple.of(tenantId, settings.welcomeText(), commands))
        .replaceWithVoid();
  }

  public Uni<Void> relayed(
      long botId, long ownerChatId, long ownerMessageId, long chatId, long messageId) {
    return pool.preparedQuery(
            """
            insert into relayed_message (bot_id, owner_chat_id, owner_message_id, chat_id, message_id)
            values ($1, $2, $3, $4, $5) on conflict do nothing
            """)
        .execute(Tuple.of(botId, ownerChatId, ownerMessageId, chatId, messageId))
        .replaceWithVoid();
  }

  /** Forgets relays older than the retention: an owner answers within weeks, not forever. */
  @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> forgetOldRelays() {
    return pool.preparedQuery("delete from relayed_message where relayed_at < $1")
        .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(config.relayRetention())))
        .replaceWithVoid();
  }

  public Uni<Optional<Relayed>> original(long botId, long ownerChatId, long ownerMessageId) {
    return pool.preparedQuery(
            "select chat_id, message_id from relayed_message"
                + " where bot_id = $1 and owner_chat_id = $2 and owner_message_id = $3")
        .execute(Tuple.of(botId, ownerChatId, ownerMessageId))
        .map(
            rows ->
                rows.rowCount() == 0
                    ? Optional.empty()
                    : Optional.of(
                        new Relayed(
                            rows.iterator().next().getLong("chat_id"),
                            rows.iterator().next().getLong("message_id"))));
  }
}
