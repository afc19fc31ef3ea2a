package io.flotilla.fleet.feature.userbot;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.platform.telegram.BotApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * A user's own bot, the way Livegram-style bot constructors work: {@code /start} greets with the
 * owner's welcome, the owner's commands answer with the owner's texts, and everything else people
 * write is forwarded to the owner in this bot's chat; the owner answers with Telegram's "Reply" on
 * a forwarded message and the answer is copied back to the person (copied, so the owner's own
 * account stays private). Every call goes through the bot's sender, so its rate limits hold.
 */
@ApplicationScoped
public class UserBotModule implements BotModule {

  private final UserBotStore store;

  public UserBotModule(UserBotStore store) {
    this.store = store;
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public void routes(Router router) {
    router.command("start", this::start).in(TenantKind.USER);
    router.otherCommand(this::command).in(TenantKind.USER);
    router.anyMessage(this::message).in(TenantKind.USER);
  }

  private Uni<Void> start(Ctx ctx) {
    return store
        .settings(ctx.bot().tenantId())
        .chain(
            settings -> {
              String welcome =
                  settings.welcomeText() != null
                      ? settings.welcomeText()
                      : ctx.t("userbot.welcome", ctx.bot().shopName());
              return ctx.reply(
                      ctx.has(Role.BOT_OWNER)
                          ? welcome + "\n\n" + ctx.t("userbot.owner_hint")
                          : welcome)
                  .replaceWithVoid();
            });
  }

  private Uni<Void> command(Ctx ctx) {
    String name = commandName(ctx.text());
    return store
        .settings(ctx.bot().tenantId())
        .chain(
            settings ->
                settings
                    .replyTo(name)
                    .map(reply -> ctx.reply(reply).replaceWithVoid())
                    .orElseGet(() -> message(ctx)));
  }

  private Uni<Void> message(Ctx ctx) {
    if (ctx.has(Role.BOT_OWNER)) {
      return ownerWrote(ctx);
    }
    return ctx.bot().ownerTelegramIds().stream()
        .findFirst()
        .map(owner -> forward(ctx, owner))
        .orElseGet(() -> ctx.reply(ctx.t("userbot.no_owner")).replaceWithVoid());
  }

  private Uni<Void> forward(Ctx ctx, long owner) {
    Message original = ctx.message();
    return ctx.call(
            "forwardMessage",
            Map.of(
                "chat_id", owner,
                "from_chat_id", ctx.chatId(),
                "message_id", original.getMessageId()))
        .chain(
            forwarded ->
                store.relayed(
                    ctx.bot().botId(),
                    owner,
                    forwarded.path("message_id").asLong(),
                    ctx.chatId(),
                    original.getMessageId()))
        // The owner never opened their bot's chat, or blocked it: nothing can reach them.
        .onFailure(
            failure ->
                failure instanceof BotApiException telegram
                    && (telegram.errorCode() == 400 || telegram.errorCode() == 403))
        .recoverWithUni(() -> ctx.reply(ctx.t("userbot.no_owner")).replaceWithVoid());
  }

  private Uni<Void> ownerWrote(Ctx ctx) {
    Message reply = ctx.message();
    if (reply.getReplyToMessage() == null) {
      return ctx.reply(ctx.t("userbot.owner_hint")).replaceWithVoid();
    }
    return store
        .original(ctx.bot().botId(), ctx.chatId(), reply.getReplyToMessage().getMessageId())
        .chain(
            original -> {
              if (original.isEmpty()) {
                return ctx.reply(ctx.t("userbot.reply_unknown")).replaceWithVoid();
              }
              return ctx.call(
                      "copyMessage",
                      Map.of(
                          "chat_id", original.get().chatId(),
                          "from_chat_id", ctx.chatId(),
                          "message_id", reply.getMessageId()))
                  .replaceWithVoid();
            });
  }

  /** {@code /Price@my_bot 2} → {@code price}. */
  private static String commandName(String text) {
    String first = text.strip().split("\\s+", 2)[0].substring(1);
    int at = first.indexOf('@');
    return (at >= 0 ? first.substring(0, at) : first).toLowerCase(Locale.ROOT);
  }
}
