package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * One message a bot sent, or one edit of it, as the user sees it.
 *
 * @param text the message text, the caption of a document, the title and description of an invoice
 *     (on two lines), or "" when it has none
 * @param replyMarkup the markup the user sees with the message (any keyboard kind), or null; an
 *     edit without reply_markup removes the inline keyboard, as on Telegram, and an invoice sent
 *     without one shows a Pay button
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
    return buttons().stream()
        .filter(button -> button.label().equals(buttonText) && button.callbackData() != null)
        .map(InlineButton::callbackData)
        .findFirst();
  }

  /** The link of the URL button with this text, if the message has one. */
  public Optional<String> url(String buttonText) {
    return buttons().stream()
        .filter(button -> button.label().equals(buttonText) && button.url() != null)
        .map(InlineButton::url)
        .findFirst();
  }

  /** The inline buttons the user sees, row by row, left to right; empty without a keyboard. */
  public List<InlineButton> buttons() {
    if (replyMarkup == null || !replyMarkup.has("inline_keyboard")) {
      return List.of();
    }
    return StreamSupport.stream(replyMarkup.get("inline_keyboard").spliterator(), false)
        .flatMap(row -> StreamSupport.stream(row.spliterator(), false))
        .map(
            button ->
                new InlineButton(
                    button.path("text").asText(),
                    button.path("callback_data").asText(null),
                    button.path("url").asText(null),
                    button.path("pay").asBoolean(false)))
        .toList();
  }

  /** The labels of the inline buttons, in reading order. */
  public List<String> buttonLabels() {
    return buttons().stream().map(InlineButton::label).toList();
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
