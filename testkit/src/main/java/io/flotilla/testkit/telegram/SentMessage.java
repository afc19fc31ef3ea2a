package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * One message a bot sent, or one edit of it, as the user sees it.
 *
 * @param text the message text, the caption of a document, or "" when it has none
 * @param replyMarkup the markup the user sees with the message (any keyboard kind), or null; an
 *     edit without reply_markup removes the inline keyboard, as on Telegram
 * @param documentFileName the file name of a sent document, or null
 * @param message the Message object the Bot API returned for the send or edit
 */
public record SentMessage(
    long chatId,
    long messageId,
    boolean edit,
    String text,
    JsonNode replyMarkup,
    String documentFileName,
    Message message) {

  /** The callback_data of the inline button with this text, if the message has one. */
  public Optional<String> callbackData(String buttonText) {
    if (replyMarkup == null || !replyMarkup.has("inline_keyboard")) {
      return Optional.empty();
    }
    return StreamSupport.stream(replyMarkup.get("inline_keyboard").spliterator(), false)
        .flatMap(row -> StreamSupport.stream(row.spliterator(), false))
        .filter(button -> buttonText.equals(button.path("text").asText()))
        .filter(button -> button.has("callback_data"))
        .map(button -> button.get("callback_data").asText())
        .findFirst();
  }

  @Override
  public String toString() {
    return "#%d%s %s%s%s"
        .formatted(
            messageId,
            edit ? " (edited)" : "",
            '"' + text + '"',
            documentFileName == null ? "" : " [document " + documentFileName + "]",
            replyMarkup == null ? "" : " " + replyMarkup);
  }
}
