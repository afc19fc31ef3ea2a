package io.flotilla.fleet.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fleet.bot.Conversation;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.i18n.Language;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Claims an update and reads what its handler needs, in one statement: Telegram may deliver an
 * update more than once (a poll whose confirmation was lost, a webhook retry), so the (bot, update
 * id) pair is inserted first and a second delivery finds it and is dropped; the same statement
 * reads the person's conversation step and chosen language, remembers the language of their
 * Telegram app on first contact (for notifications), and clears a "blocked" mark when the person
 * writes to the bot again.
 */
@ApplicationScoped
class UpdateIntake {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the claim found. */
  record Claim(boolean fresh, Conversation conversation, Optional<Language> chosenLanguage) {}

  private final Pool pool;
  private final DispatchConfig config;

  UpdateIntake(Pool pool, DispatchConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /**
   * @param appLanguage the language of the person's Telegram app, remembered on first contact
   */
  Uni<Claim> claim(
      String tenantId, long updateId, Ctx.Key key, boolean personWrote, Language appLanguage) {
    OffsetDateTime idleSince =
        OffsetDateTime.now(ZoneOffset.UTC).minus(config.conversationIdleTimeout());
    return pool.preparedQuery(
            """
            with claimed as (
              insert into processed_update (bot_id, update_id) values ($1, $2)
              on conflict do nothing returning 1
            ), remembered as (
              insert into customer_preference (tenant_id, user_id, language)
              select $7, $4, $8 where exists (select 1 from claimed)
              on conflict do nothing
            ), unblocked as (
              delete from blocked_chat
               where bot_id = $1 and chat_id = $3 and $5 and exists (select 1 from claimed)
              returning 1
            )
            select exists (select 1 from claimed) as fresh,
                   c.step, c.data, c.version, c.updated_at > $6 as live,
                   case when p.chosen then p.language end as language
              from (select 1) as one
              left join conversation c
                on c.bot_id = $1 and c.chat_id = $3 and c.user_id = $4
              left join customer_preference p on p.tenant_id = $7 and p.user_id = $4
            """)
        .execute(
            Tuple.tuple()
                .addLong(key.botId())
                .addLong(updateId)
                .addLong(key.chatId())
                .addLong(key.userId())
                .addBoolean(personWrote)
                .addOffsetDateTime(idleSince)
                .addString(tenantId)
                .addString(appLanguage.code()))
        .map(rows -> toClaim(rows.iterator().next()));
  }

  private static Claim toClaim(Row row) {
    Integer version = row.getInteger("version");
    Conversation conversation;
    if (version == null) {
      conversation = Conversation.none(0);
    } else if (!row.getBoolean("live")) {
      conversation = Conversation.none(version);
    } else {
      JsonObject data = row.getJsonObject("data");
      JsonNode json = JSON.valueToTree(data == null ? java.util.Map.of() : data.getMap());
      conversation = new Conversation(row.getString("step"), json, version);
    }
    return new Claim(
        row.getBoolean("fresh"),
        conversation,
        Optional.ofNullable(row.getString("language")).flatMap(Language::fromCode));
  }
}
