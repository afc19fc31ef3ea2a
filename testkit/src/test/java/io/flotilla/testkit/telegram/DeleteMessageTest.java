package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.testkit.telegram.BotApiClient.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeleteMessageTest {
  private static final TelegramUser BOB = new TelegramUser(9101, "Bob", "bob", "de");
  private static final String KEYBOARD =
      "{\"inline_keyboard\":[[{\"text\":\"Buy\",\"callback_data\":\"buy:1\"}]]}";
  private static final Duration MORE_THAN_48_HOURS = Duration.ofHours(48).plusMinutes(1);
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
  void botsDeleteTheirMessagesAndTheUsersAndBothVanishFromTheChat() {
    String token = emulator.registerBot("tidy_bot").token();
    long secret = emulator.userSendsText(token, BOB, "my card is 4111 1111 1111 1111").messageId();
    long offer = send(token, "Pick one", KEYBOARD);
    send(token, "Thanks", null);

    Answer ownDeleted = delete(token, offer);
    Answer usersDeleted = delete(token, secret);
    Answer deletedTwice = delete(token, offer);
    Answer editOfDeleted =
        client.form(
            token,
            "editMessageText",
            Map.of("chat_id", BOB.id(), "message_id", offer, "text", "Sold out"));

    assertThat(ownDeleted.result().asBoolean()).isTrue();
    assertThat(usersDeleted.result().asBoolean()).isTrue();
    assertThat(deletedTwice.description()).isEqualTo("Bad Request: message to delete not found");
    assertThat(editOfDeleted.description()).isEqualTo("Bad Request: message to edit not found");
    assertThat(emulator.visibleMessages(token, BOB.id()))
        .extracting(SentMessage::text)
        .containsExactly("Thanks");
    assertThat(emulator.messagesTo(token, BOB.id()))
        .extracting(SentMessage::text)
        .containsExactly("Pick one", "Thanks");
    assertThatThrownBy(() -> emulator.userPressesButton(token, BOB, offer, "buy:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteMessageChecksItsParametersInTheServersOrder() {
    String token = emulator.registerBot("strict_delete_bot").token();
    emulator.userSendsText(token, BOB, "hi");

    Answer noChat = client.form(token, "deleteMessage", Map.of("message_id", 1));
    Answer noMessage = client.form(token, "deleteMessage", Map.of("chat_id", BOB.id()));
    Answer negativeMessage =
        client.form(token, "deleteMessage", Map.of("chat_id", BOB.id(), "message_id", -5));
    Answer unknownChat =
        client.form(token, "deleteMessage", Map.of("chat_id", 424242, "message_id", 1));
    Answer unknownMessage = delete(token, 999);

    assertThat(noChat.status()).isEqualTo(400);
    assertThat(noChat.description()).isEqualTo("Bad Request: chat identifier is not specified");
    assertThat(noMessage.description())
        .isEqualTo("Bad Request: message identifier is not specified");
    assertThat(negativeMessage.description())
        .isEqualTo("Bad Request: message identifier is not specified");
    assertThat(unknownChat.description()).isEqualTo("Bad Request: chat not found");
    assertThat(unknownMessage.description()).isEqualTo("Bad Request: message to delete not found");
  }

  @Test
  void messagesOlderThan48HoursStay() {
    String token = emulator.registerBot("late_delete_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    long old = send(token, "Old news", null);
    emulator.advanceClock(MORE_THAN_48_HOURS);
    long fresh = send(token, "Fresh news", null);

    Answer tooOld = delete(token, old);
    Answer inTime = delete(token, fresh);

    assertThat(tooOld.description())
        .isEqualTo("Bad Request: message can't be deleted for everyone");
    assertThat(inTime.result().asBoolean()).isTrue();
    assertThat(emulator.visibleMessages(token, BOB.id()))
        .extracting(SentMessage::text)
        .containsExactly("Old news");
  }

  @Test
  void deleteMessagesSkipsMissingOnesAndDeletesNothingWhenOneMayNotGo() {
    String token = emulator.registerBot("bulk_delete_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    long old = send(token, "Old", null);
    emulator.advanceClock(MORE_THAN_48_HOURS);
    long first = send(token, "First", null);
    long second = send(token, "Second", null);

    Answer withMissing = deleteMany(token, "[" + first + ",99999]");
    Answer withTooOld = deleteMany(token, "[" + second + "," + old + "]");

    assertThat(withMissing.result().asBoolean()).isTrue();
    assertThat(withTooOld.description())
        .isEqualTo("Bad Request: message can't be deleted for everyone");
    assertThat(emulator.visibleMessages(token, BOB.id()))
        .extracting(SentMessage::text)
        .containsExactly("Old", "Second");
  }

  @Test
  void deleteMessagesChecksTheListFirst() {
    String token = emulator.registerBot("bulk_checks_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    String tooMany =
        IntStream.rangeClosed(1, 101)
            .mapToObj(Integer::toString)
            .collect(Collectors.joining(",", "[", "]"));

    assertThat(client.form(token, "deleteMessages", Map.of("chat_id", BOB.id())).description())
        .isEqualTo("Bad Request: message identifiers are not specified");
    assertThat(deleteMany(token, "[]").description())
        .isEqualTo("Bad Request: message identifiers are not specified");
    assertThat(deleteMany(token, "not json").description())
        .isEqualTo("Bad Request: can't parse message_ids JSON object");
    assertThat(deleteMany(token, "{\"id\":1}").description())
        .isEqualTo("Bad Request: expected an Array of message identifiers");
    assertThat(deleteMany(token, tooMany).description())
        .isEqualTo("Bad Request: too many message identifiers specified");
    assertThat(deleteMany(token, "[true]").description())
        .isEqualTo("Bad Request: message identifier must be a Number");
    assertThat(deleteMany(token, "[0]").description())
        .isEqualTo("Bad Request: invalid message identifier specified");
    assertThat(client.form(token, "deleteMessages", Map.of("message_ids", "[1]")).description())
        .isEqualTo("Bad Request: chat_id is empty");
  }

  private static long send(String token, String text, String keyboard) {
    Map<String, Object> params =
        keyboard == null
            ? Map.of("chat_id", BOB.id(), "text", text)
            : Map.of("chat_id", BOB.id(), "text", text, "reply_markup", keyboard);
    return client.form(token, "sendMessage", params).result().get("message_id").asLong();
  }

  private static Answer delete(String token, long messageId) {
    return client.form(
        token, "deleteMessage", Map.of("chat_id", BOB.id(), "message_id", messageId));
  }

  private static Answer deleteMany(String token, String messageIds) {
    return client.form(
        token, "deleteMessages", Map.of("chat_id", BOB.id(), "message_ids", messageIds));
  }
}
