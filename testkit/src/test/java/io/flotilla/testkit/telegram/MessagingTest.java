package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiClient.Answer;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessagingTest {
  private static final TelegramUser BOB = new TelegramUser(9001, "Bob", "bob", "de");
  private static final String KEYBOARD =
      "{\"inline_keyboard\":[[{\"text\":\"Buy\",\"callback_data\":\"buy:42\"},"
          + "{\"text\":\"Docs\",\"url\":\"https://example.com/docs\"}]]}";
  private static TelegramBotApiEmulator emulator;
  private static BotApiClient client;

  @BeforeAll
  static void start() {
    emulator = TelegramBotApiEmulator.start(0);
    client = new BotApiClient(emulator.baseUrl());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void botsCanOnlyWriteToUsersWhoWroteToThem() {
    String token = emulator.registerBot("stranger_bot").token();

    Answer unknownChat = client.form(token, "sendMessage", Map.of("chat_id", 123, "text", "hi"));
    Answer byUsername = client.form(token, "sendMessage", Map.of("chat_id", "@bob", "text", "x"));
    Answer noChat = client.form(token, "sendMessage", Map.of("text", "hi"));
    Answer noText = client.form(token, "sendMessage", Map.of("chat_id", 123));

    assertThat(unknownChat.status()).isEqualTo(400);
    assertThat(unknownChat.description()).isEqualTo("Bad Request: chat not found");
    assertThat(byUsername.description()).isEqualTo("Bad Request: chat not found");
    assertThat(noChat.description()).isEqualTo("Bad Request: chat_id is empty");
    assertThat(noText.description()).isEqualTo("Bad Request: message text is empty");
  }

  @Test
  void sendPressAnswerAndEditRoundTrip() {
    BotHandle bot = emulator.registerBot("shop_bot");
    String token = bot.token();
    emulator.userSendsText(token, BOB, "/start");

    Answer sent =
        client.form(
            token,
            "sendMessage",
            Map.of("chat_id", BOB.id(), "text", "Pick one", "reply_markup", KEYBOARD));
    JsonNode message = sent.result();
    long messageId = message.get("message_id").asLong();
    assertThat(message.at("/from/id").asLong()).isEqualTo(bot.id());
    assertThat(message.at("/from/is_bot").asBoolean()).isTrue();
    assertThat(message.at("/chat/first_name").asText()).isEqualTo("Bob");
    assertThat(message.get("reply_markup").toString()).isEqualTo(KEYBOARD);

    CallbackQuery press = emulator.userPressesButton(token, BOB, messageId, "buy:42");
    JsonNode updates = client.form(token, "getUpdates", Map.of()).result();
    JsonNode query = updates.get(updates.size() - 1).get("callback_query");
    assertThat(query.get("id").asText()).isEqualTo(press.id());
    assertThat(query.get("data").asText()).isEqualTo("buy:42");
    assertThat(query.at("/message/message_id").asLong()).isEqualTo(messageId);
    assertThat(query.at("/from/id").asLong()).isEqualTo(BOB.id());
    assertThat(query.get("chat_instance").asText()).isNotBlank();

    Answer answered =
        client.form(
            token,
            "answerCallbackQuery",
            Map.of("callback_query_id", press.id(), "text", "Added", "show_alert", "true"));
    assertThat(answered.result().asBoolean()).isTrue();
    assertThat(emulator.awaitCallbackAnswer(token, press.id(), Duration.ofSeconds(1)))
        .isEqualTo(new CallbackAnswer(press.id(), "Added", true, null, 0));

    Answer unchanged =
        client.form(
            token,
            "editMessageText",
            Map.of(
                "chat_id",
                BOB.id(),
                "message_id",
                messageId,
                "text",
                "Pick one",
                "reply_markup",
                KEYBOARD));
    assertThat(unchanged.description())
        .isEqualTo(
            "Bad Request: message is not modified: specified new message content and reply markup"
                + " are exactly the same as a current content and reply markup of the message");

    Answer edited =
        client.form(
            token,
            "editMessageText",
            Map.of("chat_id", BOB.id(), "message_id", messageId, "text", "Added to cart"));
    assertThat(edited.result().get("text").asText()).isEqualTo("Added to cart");
    assertThat(edited.result().get("edit_date").asLong()).isPositive();
    assertThat(edited.result().has("reply_markup")).isFalse();

    List<SentMessage> transcript = emulator.messagesTo(token, BOB.id());
    assertThat(transcript)
        .extracting(SentMessage::text)
        .containsExactly("Pick one", "Added to cart");
    assertThat(transcript).extracting(SentMessage::edit).containsExactly(false, true);
    assertThat(transcript.get(0).callbackData("Buy")).contains("buy:42");
    assertThat(transcript.get(1).replyMarkup()).isNull();
    assertThatThrownBy(() -> emulator.userPressesButton(token, BOB, messageId, "buy:42"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no inline button");
  }

  @Test
  void callbackQueriesMustBelongToTheBot() {
    String token = emulator.registerBot("callback_owner_bot").token();
    String otherToken = emulator.registerBot("callback_other_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    long messageId =
        client
            .form(
                token,
                "sendMessage",
                Map.of("chat_id", BOB.id(), "text", "?", "reply_markup", KEYBOARD))
            .result()
            .get("message_id")
            .asLong();
    CallbackQuery press = emulator.userPressesButton(token, BOB, messageId, "buy:42");

    Answer foreign =
        client.form(otherToken, "answerCallbackQuery", Map.of("callback_query_id", press.id()));
    Answer invented =
        client.form(token, "answerCallbackQuery", Map.of("callback_query_id", "123456789"));

    String expected =
        "Bad Request: query is too old and response timeout expired or query ID is invalid";
    assertThat(foreign.description()).isEqualTo(expected);
    assertThat(invented.description()).isEqualTo(expected);
    assertThat(emulator.callbackAnswers(token)).isEmpty();
  }

  @Test
  void editsNeedAnExistingMessageOfTheBot() {
    String token = emulator.registerBot("editor_bot").token();
    long userMessageId = emulator.userSendsText(token, BOB, "mine").messageId();

    Answer missing =
        client.form(
            token, "editMessageText", Map.of("chat_id", BOB.id(), "message_id", 999, "text", "x"));
    Answer foreign =
        client.form(
            token,
            "editMessageText",
            Map.of("chat_id", BOB.id(), "message_id", userMessageId, "text", "x"));
    Answer unidentified = client.form(token, "editMessageText", Map.of("text", "x"));

    assertThat(missing.description()).isEqualTo("Bad Request: message to edit not found");
    assertThat(foreign.description()).isEqualTo("Bad Request: message can't be edited");
    assertThat(unidentified.description())
        .isEqualTo("Bad Request: message identifier is not specified");
  }

  @Test
  void repliesQuoteTheRepliedMessage() {
    String token = emulator.registerBot("replying_bot").token();
    long question = emulator.userSendsText(token, BOB, "Price?").messageId();

    Answer reply =
        client.json(
            token,
            "sendMessage",
            Map.of(
                "chat_id", BOB.id(),
                "text", "42 EUR",
                "reply_parameters", Map.of("message_id", question)));
    Answer toMissing =
        client.form(
            token,
            "sendMessage",
            Map.of("chat_id", BOB.id(), "text", "?", "reply_to_message_id", 99999));
    Answer allowedMissing =
        client.form(
            token,
            "sendMessage",
            Map.of(
                "chat_id", BOB.id(),
                "text", "?",
                "reply_parameters", "{\"message_id\":99999,\"allow_sending_without_reply\":true}"));

    assertThat(reply.result().at("/reply_to_message/text").asText()).isEqualTo("Price?");
    assertThat(toMissing.description()).isEqualTo("Bad Request: message to be replied not found");
    assertThat(allowedMissing.status()).isEqualTo(200);
    assertThat(allowedMissing.result().has("reply_to_message")).isFalse();
  }

  @Test
  void parseModesProduceEntitiesOrTelegramsParseErrors() {
    String token = emulator.registerBot("markup_bot").token();
    emulator.userSendsText(token, BOB, "hi");

    Answer html =
        client.form(
            token,
            "sendMessage",
            Map.of("chat_id", BOB.id(), "text", "<b>Total:</b> 5 &lt; 6", "parse_mode", "HTML"));
    Answer markdown =
        client.form(
            token,
            "sendMessage",
            Map.of("chat_id", BOB.id(), "text", "Version 1.0", "parse_mode", "MarkdownV2"));
    Answer unknownMode =
        client.form(
            token, "sendMessage", Map.of("chat_id", BOB.id(), "text", "x", "parse_mode", "XML"));

    assertThat(html.result().get("text").asText()).isEqualTo("Total: 5 < 6");
    assertThat(html.result().get("entities").toString())
        .isEqualTo("[{\"type\":\"bold\",\"offset\":0,\"length\":6}]");
    assertThat(markdown.description())
        .isEqualTo(
            "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with"
                + " the preceding '\\'");
    assertThat(unknownMode.description()).isEqualTo("Bad Request: unsupported parse_mode");
  }

  @Test
  void invalidKeyboardsAreRejectedLikeTelegramDoes() {
    String token = emulator.registerBot("keyboard_bot").token();
    emulator.userSendsText(token, BOB, "hi");

    Answer textButton =
        client.form(
            token,
            "sendMessage",
            Map.of(
                "chat_id", BOB.id(),
                "text", "x",
                "reply_markup", "{\"inline_keyboard\":[[{\"text\":\"Plain\"}]]}"));
    Answer longData =
        client.form(
            token,
            "sendMessage",
            Map.of(
                "chat_id", BOB.id(),
                "text", "x",
                "reply_markup",
                    "{\"inline_keyboard\":[[{\"text\":\"B\",\"callback_data\":\"%s\"}]]}"
                        .formatted("x".repeat(65))));
    Answer notJson =
        client.form(
            token, "sendMessage", Map.of("chat_id", BOB.id(), "text", "x", "reply_markup", "{"));

    assertThat(textButton.description())
        .isEqualTo(
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the"
                + " inline keyboard");
    assertThat(longData.description()).isEqualTo("Bad Request: BUTTON_DATA_INVALID");
    assertThat(notJson.description())
        .isEqualTo("Bad Request: can't parse reply keyboard markup JSON object");
  }

  @Test
  void documentsAreUploadedAndReusableByFileId() {
    String token = emulator.registerBot("reports_bot").token();
    emulator.userSendsText(token, BOB, "/report");
    byte[] csv = "day,total\nmon,3\n".getBytes(StandardCharsets.UTF_8);

    Answer uploaded =
        client.multipart(
            token,
            "sendDocument",
            Map.of("chat_id", Long.toString(BOB.id()), "caption", "Weekly report"),
            "document",
            "report.csv",
            csv);
    JsonNode document = uploaded.result().get("document");
    Answer resent =
        client.form(
            token,
            "sendDocument",
            Map.of("chat_id", BOB.id(), "document", document.get("file_id").asText()));
    Answer missing = client.form(token, "sendDocument", Map.of("chat_id", BOB.id()));
    Answer unknownId =
        client.form(token, "sendDocument", Map.of("chat_id", BOB.id(), "document", "nope"));

    assertThat(uploaded.result().get("caption").asText()).isEqualTo("Weekly report");
    assertThat(document.get("file_name").asText()).isEqualTo("report.csv");
    assertThat(document.get("mime_type").asText()).isEqualTo("text/csv");
    assertThat(document.get("file_size").asLong()).isEqualTo(csv.length);
    assertThat(document.get("file_unique_id").asText()).isNotBlank();
    assertThat(emulator.fileContent(token, document.get("file_id").asText())).isEqualTo(csv);
    assertThat(resent.result().get("document")).isEqualTo(document);
    assertThat(missing.description()).isEqualTo("Bad Request: there is no document in the request");
    assertThat(unknownId.description())
        .isEqualTo("Bad Request: wrong file identifier/HTTP URL specified");
    assertThat(emulator.messagesTo(token, BOB.id()))
        .extracting(SentMessage::documentFileName)
        .containsExactly("report.csv", "report.csv");
  }

  @Test
  void blockedBotsAreForbiddenUntilTheUserWritesAgain() {
    String token = emulator.registerBot("blocked_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    emulator.userBlocksBot(token, BOB);

    Answer blocked = client.form(token, "sendMessage", Map.of("chat_id", BOB.id(), "text", "x"));
    emulator.userSendsText(token, BOB, "I'm back");
    Answer unblocked = client.form(token, "sendMessage", Map.of("chat_id", BOB.id(), "text", "y"));

    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.description()).isEqualTo("Forbidden: bot was blocked by the user");
    assertThat(unblocked.status()).isEqualTo(200);
    assertThat(emulator.updatesCreated(token))
        .extracting(update -> BotApiTypes.Update.typeOf(update))
        .containsExactly("message", "my_chat_member", "my_chat_member", "message");
  }

  @Test
  void awaitMessageFailsWithTheTranscript() {
    String token = emulator.registerBot("awaited_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    client.form(token, "sendMessage", Map.of("chat_id", BOB.id(), "text", "Hello Bob"));

    SentMessage found =
        emulator.awaitMessage(
            token, BOB.id(), sent -> sent.text().startsWith("Hello"), Duration.ofSeconds(1));

    assertThat(found.text()).isEqualTo("Hello Bob");
    assertThatThrownBy(
            () ->
                emulator.awaitMessage(
                    token, BOB.id(), sent -> sent.text().equals("Bye"), Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Hello Bob");
  }
}
