package io.flotilla.fleet.dispatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotInfo;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Routes;
import io.flotilla.fleet.bot.SessionStore;
import io.flotilla.fleet.dispatch.FloodGuard.Verdict;
import io.flotilla.fleet.i18n.Language;
import io.flotilla.fleet.i18n.Texts;
import io.flotilla.fleet.outbound.BlockedChats;
import io.flotilla.fleet.outbound.BotSender;
import io.flotilla.fleet.outbound.Priority;
import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.telegram.BotApiException;
import io.flotilla.platform.telegram.BotApiUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Every update of every bot enters here, whatever its source (long polling today, webhooks later).
 * In order: flood control per person; a serial lane per chat (chats and bots run concurrently,
 * within bounds); the claim that drops a second delivery and reads the person's step and language;
 * the middleware that fills the {@link Ctx} (tenant, language, conversation, roles); the route; and
 * an error boundary that logs and counts a failed handler, apologises to the person in their
 * language, and keeps the bot and the chat working.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class);
  private static final ObjectMapper TELEGRAM_JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The bot an update arrived at, as its source knows it. */
  public record Target(BotInfo info, BotSender sender) {}

  private final UpdateIntake intake;
  private final Routes routes;
  private final SessionStore sessions;
  private final BlockedChats blockedChats;
  private final PlatformAdmins admins;
  private final ChatLanes lanes;
  private final FloodGuard flood;
  private final long floodMuteSeconds;
  private final MeterRegistry registry;
  private final Counter duplicates;
  private final Counter flooded;
  private final Timer handling;
  private final Event<PrivilegedPersonWrote> privilegedWrote;
  private final Set<Ctx.Key> privilegedSeen = ConcurrentHashMap.newKeySet();

  public Dispatcher(
      UpdateIntake intake,
      Routes routes,
      SessionStore sessions,
      BlockedChats blockedChats,
      PlatformAdmins admins,
      DispatchConfig config,
      MeterRegistry registry,
      Event<PrivilegedPersonWrote> privilegedWrote) {
    this.intake = intake;
    this.privilegedWrote = privilegedWrote;
    this.routes = routes;
    this.sessions = sessions;
    this.blockedChats = blockedChats;
    this.admins = admins;
    this.lanes = new ChatLanes(config.maxConcurrentPerBot(), config.maxConcurrent());
    this.flood =
        new FloodGuard(config.floodPerSecond(), config.floodBurst(), config.floodMute().toNanos());
    this.floodMuteSeconds = Math.max(1, config.floodMute().toSeconds());
    this.registry = registry;
    this.duplicates = registry.counter("flotilla.fleet.updates.duplicates");
    this.flooded = registry.counter("flotilla.fleet.updates.flooded");
    this.handling = registry.timer("flotilla.fleet.updates.handling");
    registry.gauge("flotilla.fleet.dispatch.active", lanes, ChatLanes::active);
  }

  /**
   * Takes a polled update; the result completes when it has been handled (or dropped). Never fails:
   * the poll that fetched it is confirmed already, so an update that could not even be claimed (the
   * database away) gets the person an apology instead.
   */
  public Uni<Void> dispatch(Target bot, JsonNode json) {
    return dispatch(bot, json, true);
  }

  /**
   * Takes a pushed (webhook) update; the result completes once it has been handled or dropped, and
   * fails, without a word to the person, when it could not be claimed: the pusher answers an error
   * and Telegram delivers it again.
   */
  public Uni<Void> accept(Target bot, JsonNode json) {
    return dispatch(bot, json, false);
  }

  private Uni<Void> dispatch(Target bot, JsonNode json, boolean lostIfUnclaimed) {
    long updateId = json.path("update_id").asLong(-1);
    Update update;
    try {
      update = TELEGRAM_JSON.convertValue(json, Update.class);
    } catch (IllegalArgumentException e) {
      registry.counter("flotilla.fleet.updates.unreadable").increment();
      return Uni.createFrom().voidItem();
    }
    User from = sender(update);
    Long chatId = chatOf(update, from);
    if (updateId < 0 || from == null || chatId == null) {
      registry.counter("flotilla.fleet.updates.ignored").increment();
      return Uni.createFrom().voidItem();
    }
    long botId = bot.info().botId();
    // A payment is money already taken: it is never dropped for flooding.
    boolean payment =
        update.getPreCheckoutQuery() != null
            || update.getMessage() != null && update.getMessage().getSuccessfulPayment() != null;
    Verdict verdict =
        payment ? Verdict.HANDLE : flood.check(botId, from.getId(), System.nanoTime());
    if (verdict != Verdict.HANDLE) {
      flooded.increment();
      return verdict == Verdict.NOTIFY
          ? floodNotice(bot, chatId, from)
          : Uni.createFrom().voidItem();
    }
    Ctx.Key key = new Ctx.Key(botId, chatId, from.getId());
    return lanes.submit(
        botId, chatId, () -> handle(bot, update, updateId, key, from, lostIfUnclaimed));
  }

  /** Updates of the bot waiting or running, for its source's back-pressure. */
  public int pending(long botId) {
    return lanes.pending(botId);
  }

  private Uni<Void> handle(
      Target bot, Update update, long updateId, Ctx.Key key, User from, boolean lostIfUnclaimed) {
    long started = System.nanoTime();
    boolean personWrote = update.getMessage() != null;
    return intake
        .claim(
            bot.info().tenantId(),
            updateId,
            key,
            personWrote,
            Language.fromTelegram(from.getLanguageCode()))
        .chain(
            claim -> {
              if (!claim.fresh()) {
                duplicates.increment();
                return Uni.createFrom().voidItem();
              }
              if (update.getMyChatMember() != null) {
                return membership(bot.info(), update.getMyChatMember());
              }
              Language language =
                  claim
                      .chosenLanguage()
                      .orElseGet(() -> Language.fromTelegram(from.getLanguageCode()));
              Ctx ctx =
                  new Ctx(
                      bot.info(),
                      bot.sender(),
                      sessions,
                      update,
                      key,
                      roles(bot.info(), from.getId()),
                      language,
                      claim.conversation());
              announcePrivileged(bot, ctx);
              return routes
                  .route(ctx)
                  .chain(outcome -> ctx.answer().replaceWith(outcome))
                  .invoke(
                      outcome ->
                          registry
                              .counter("flotilla.fleet.updates.handled", "route", outcome.route())
                              .increment())
                  .replaceWithVoid()
                  .onFailure()
                  .recoverWithUni(failure -> apologise(ctx, failure));
            })
        .onFailure()
        .recoverWithUni(
            failure ->
                lostIfUnclaimed
                    ? unhandled(bot, key, from, failure)
                    : Uni.createFrom().failure(failure))
        .eventually(
            () ->
                handling.record(
                    System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
  }

  private void announcePrivileged(Target bot, Ctx ctx) {
    if (ctx.roles().size() > 1
        && privilegedSeen.add(new Ctx.Key(ctx.bot().botId(), 0, ctx.userId()))) {
      privilegedWrote.fireAsync(new PrivilegedPersonWrote(bot, ctx.userId()));
    }
  }

  private Set<Role> roles(BotInfo bot, long userId) {
    Set<Role> roles = EnumSet.of(Role.CUSTOMER);
    if (bot.kind() == TenantKind.AGENT && bot.ownerTelegramIds().contains(userId)) {
      roles.add(Role.AGENT_OWNER);
    }
    if (bot.kind() == TenantKind.USER && bot.ownerTelegramIds().contains(userId)) {
      roles.add(Role.BOT_OWNER);
    }
    if (bot.kind() == TenantKind.MASTER && admins.contains(userId)) {
      roles.add(Role.ADMIN);
    }
    return roles;
  }

  private Uni<Void> membership(BotInfo bot, ChatMemberUpdated change) {
    String status = change.getNewChatMember() == null ? "" : change.getNewChatMember().getStatus();
    long chatId = change.getChat().getId();
    return "kicked".equals(status) || "left".equals(status)
        ? blockedChats.block(bot.botId(), chatId)
        : blockedChats.unblock(bot.botId(), chatId);
  }

  private Uni<Void> apologise(Ctx ctx, Throwable failure) {
    countFailure(ctx.bot(), failure);
    LOG.warnf(
        "Bot %d: a handler failed for chat %d: %s",
        ctx.bot().botId(), ctx.chatId(), describe(failure));
    return ctx.answer(ctx.t("error.apology"), false)
        .chain(
            () ->
                ctx.callbackQuery() == null
                    ? ctx.reply(ctx.t("error.apology")).replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .onFailure()
        .recoverWithNull();
  }

  /** A failure before a handler ran (the database, most likely): apologise without a context. */
  private Uni<Void> unhandled(Target bot, Ctx.Key key, User from, Throwable failure) {
    countFailure(bot.info(), failure);
    LOG.warnf(
        "Bot %d: an update for chat %d was not handled: %s",
        bot.info().botId(), key.chatId(), describe(failure));
    Language language = Language.fromTelegram(from.getLanguageCode());
    return bot.sender()
        .send(
            Priority.REPLY,
            key.chatId(),
            "sendMessage",
            Map.of("chat_id", key.chatId(), "text", Texts.text(language, "error.apology")))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  private Uni<Void> floodNotice(Target bot, long chatId, User from) {
    Language language = Language.fromTelegram(from.getLanguageCode());
    return bot.sender()
        .send(
            Priority.REPLY,
            chatId,
            "sendMessage",
            Map.of(
                "chat_id", chatId, "text", Texts.text(language, "flood.notice", floodMuteSeconds)))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  private void countFailure(BotInfo bot, Throwable failure) {
    registry
        .counter(
            "flotilla.fleet.handler.failures",
            "kind",
            bot.kind().name().toLowerCase(java.util.Locale.ROOT),
            "exception",
            failure.getClass().getSimpleName())
        .increment();
  }

  /**
   * What a log line may say about a failure: its type and message. Our clients' exceptions never
   * carry tokens (see BotApiUnavailableException); the update itself, which may hold a typed
   * secret, is never logged.
   */
  private static String describe(Throwable failure) {
    if (failure instanceof BotApiException
        || failure instanceof BotApiUnavailableException
        || failure instanceof ProblemException) {
      return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
    // Other messages may quote input (a parse error repeating what a person typed): say where,
    // and for JSON which field, never what.
    StringBuilder where = new StringBuilder(failure.getClass().getName());
    if (failure instanceof JsonMappingException mapping) {
      where.append(" at field ").append(mapping.getPathReference());
    }
    Arrays.stream(failure.getStackTrace())
        .filter(frame -> frame.getClassName().startsWith("io.flotilla."))
        .findFirst()
        .ifPresent(
            frame ->
                where
                    .append(" in ")
                    .append(frame.getClassName())
                    .append(':')
                    .append(frame.getLineNumber()));
    return where.toString();
  }

  private static User sender(Update update) {
    if (update.getMessage() != null) {
      return update.getMessage().getFrom();
    }
    if (update.getCallbackQuery() != null) {
      return update.getCallbackQuery().getFrom();
    }
    if (update.getPreCheckoutQuery() != null) {
      return update.getPreCheckoutQuery().getFrom();
    }
    if (update.getMyChatMember() != null) {
      return update.getMyChatMember().getFrom();
    }
    return null;
  }

  /** The chat to answer in; a pre-checkout query has none, so it is the payer's private chat. */
  private static Long chatOf(Update update, User from) {
    Message message = update.getMessage();
    if (message != null) {
      return message.getChatId();
    }
    CallbackQuery query = update.getCallbackQuery();
    if (query != null) {
      return query.getMessage() != null ? query.getMessage().getChatId() : from.getId();
    }
    if (update.getMyChatMember() != null) {
      return update.getMyChatMember().getChat().getId();
    }
    return from == null ? null : from.getId();
  }
}
