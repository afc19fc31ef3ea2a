package io.flotilla.fleet.outbound;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chats whose person blocked the bot (Telegram answered 403, or sent a my_chat_member update with
 * "kicked"): notifications to them are skipped instead of failing again and again. The mark is
 * cleared when the person writes to the bot again (in the update's claim) or unblocks it.
 */
@ApplicationScoped
public class BlockedChats {

  private final Pool pool;

  public BlockedChats(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> block(long botId, long chatId) {
    return pool.preparedQuery(
            "insert into blocked_chat (bot_id, chat_id) values ($1, $2) on conflict do nothing")
        .execute(Tuple.of(botId, chatId))
        .replaceWithVoid();
  }

  public Uni<Void> unblock(long botId, long chatId) {
    return pool.preparedQuery("delete from blocked_chat where bot_id = $1 and chat_id = $2")
        .execute(Tuple.of(botId, chatId))
        .replaceWithVoid();
  }

  public Uni<Boolean> isBlocked(long botId, long chatId) {
    return pool.preparedQuery("select 1 from blocked_chat where bot_id = $1 and chat_id = $2")
        .execute(Tuple.of(botId, chatId))
        .map(rows -> rows.rowCount() > 0);
  }
}
