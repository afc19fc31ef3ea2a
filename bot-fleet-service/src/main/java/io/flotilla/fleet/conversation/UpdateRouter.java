package io.flotilla.fleet.conversation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fleet.bot.BotContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Decides what an update means and answers it. */
@ApplicationScoped
public class UpdateRouter {

  private static final ObjectMapper TELEGRAM_JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Uni<Void> route(BotContext bot, JsonNode json) {
    Update update = TELEGRAM_JSON.convertValue(json, Update.class);
    Message message = update.getMessage();
    if (message == null || !message.hasText()) {
      return Uni.createFrom().voidItem();
    }
    Language language =
        Language.fromTelegram(
            message.getFrom() == null ? null : message.getFrom().getLanguageCode());
    String command = commandOf(message.getText());
    String reply =
        switch (command) {
          case "/start" -> Replies.welcome(language, bot.shopName());
          default -> command.startsWith("/") ? Replies.unknownCommand(language) : null;
        };
    if (reply == null) {
      return Uni.createFrom().voidItem();
    }
    long chatId = message.getChatId();
    return bot.sender()
        .toChat(chatId, SendMessage.builder().chatId(chatId).text(reply).build())
        .replaceWithVoid();
  }

  /** {@code /start@shop_bot payload} → {@code /start}. */
  static String commandOf(String text) {
    String first = text.strip().split("\\s+", 2)[0];
    int at = first.indexOf('@');
    return (at > 0 ? first.substring(0, at) : first).toLowerCase();
  }
}
