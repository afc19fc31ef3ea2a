package io.flotilla.fleet.runtime;

import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.dispatch.Dispatcher;
import io.flotilla.fleet.i18n.Language;
import io.flotilla.fleet.outbound.Priority;
import io.flotilla.platform.telegram.BotApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tells a person something unasked (a top-up credited, an order refunded, a withdrawal paid) in
 * their private chat with a tenant's bot, in the language they chose or their Telegram app's, with
 * {@link Priority#NOTIFICATION} so replies to people waiting go first. A person who blocked the bot
 * is skipped, not retried.
 */
@ApplicationScoped
public class Notifier {

  /** What became of a notification. */
  public enum Delivery {
    SENT,
    /** The person blocked the bot. */
    BLOCKED,
    /** The tenant's bot does not run in this process. */
    NOT_RUNNING,
    /** Telegram refused or could not be reached; the cause is logged by the caller if needed. */
    FAILED
  }

  private final BotSupervisor supervisor;
  private final Pool pool;
  private final MeterRegistry registry;

  public Notifier(BotSupervisor supervisor, Pool pool, MeterRegistry registry) {
    this.supervisor = supervisor;
    this.pool = pool;
    this.registry = registry;
  }

  public Uni<Delivery> notify(
      String tenantId, long userId, Function<Language, String> text, Keyboard keyboard) {
    Optional<Dispatcher.Target> bot = supervisor.target(tenantId);
    if (bot.isEmpty()) {
      return supervisor.settling()
          ? Uni.createFrom().failure(new BotNotStartedYet(tenantId))
          : Uni.createFrom().item(count(Delivery.NOT_RUNNING));
    }
    return pool.preparedQuery(
            """
            select (select language from customer_preference
                     where tenant_id = $1 and user_id = $3) as language,
                   exists (select 1 from blocked_chat where bot_id = $2 and chat_id = $3) as blocked
            """)
        .execute(Tuple.of(tenantId, bot.get().info().botId(), userId))
        .chain(
            rows -> {
              Row row = rows.iterator().next();
              if (row.getBoolean("blocked")) {
                return Uni.createFrom().item(Delivery.BLOCKED);
              }
              Language language =
                  Optional.ofNullable(row.getString("language"))
                      .flatMap(Language::fromCode)
                      .orElse(Language.EN);
              Map<String, Object> parameters = new LinkedHashMap<>();
              parameters.put("chat_id", userId);
              parameters.put("text", text.apply(language));
              if (keyboard != null && !keyboard.isEmpty()) {
                parameters.put("reply_markup", keyboard.toMarkup());
              }
              return bot.get()
                  .sender()
                  .send(Priority.NOTIFICATION, userId, "sendMessage", parameters)
                  .map(sent -> Delivery.SENT)
                  .onFailure(BotApiException.class)
                  .recoverWithItem(
                      failure ->
                          ((BotApiException) failure).errorCode() == 403
                              ? Delivery.BLOCKED
                              : Delivery.FAILED);
            })
        .map(this::count);
  }

  /** The bot may be about to start (the fleet is starting): the caller should try again. */
  public static final class BotNotStartedYet extends RuntimeException {
    public BotNotStartedYet(String tenantId) {
      super("the bot of " + tenantId + " has not started yet", null, false, false);
    }
  }

  private Delivery count(Delivery delivery) {
    registry
        .counter("flotilla.fleet.notifications", "delivery", delivery.name().toLowerCase())
        .increment();
    return delivery;
  }
}
