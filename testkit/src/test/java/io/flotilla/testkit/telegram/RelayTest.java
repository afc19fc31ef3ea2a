package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** forwardMessage, copyMessage and a user's reply, as a relay bot uses them. */
class RelayTest {
  private static final TelegramUser OWNER = new TelegramUser(9501, "Olga", "olga", "en");
  private static final TelegramUser GUEST = new TelegramUser(9502, "Gus", "gus", "en");
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
  void aForwardShowsTheOriginalSenderAndACopyDoesNot() {
    String token = emulator.registerBot("relay_one_bot").token();
    emulator.userSendsText(token, OWNER, "/start");
    long guestMessage = emulator.userSendsText(token, GUEST, "Hello owner").messageId();

    JsonNode forwarded =
        client
            .form(
                token,
                "forwardMessage",
                Map.of(
                    "chat_id", OWNER.id(), "from_chat_id", GUEST.id(), "message_id", guestMessage))
            .result();
    assertThat(forwarded.path("text").asText()).isEqualTo("Hello owner");
    assertThat(forwarded.at("/forward_origin/sender_user/id").asLong()).isEqualTo(GUEST.id());
    assertThat(emulator.lastMessageTo(token, OWNER.id()).text()).isEqualTo("Hello owner");

    long ownerReply =
        emulator
            .userRepliesTo(token, OWNER, forwarded.path("message_id").asLong(), "Hi Gus")
            .messageId();
    JsonNode updates = client.form(token, "getUpdates", Map.of()).result();
    JsonNode reply = updates.get(updates.size() - 1).path("message");
    assertThat(reply.at("/reply_to_message/message_id").asLong())
        .isEqualTo(forwarded.path("message_id").asLong());

    JsonNode copied =
        client
            .form(
                token,
                "copyMessage",
                Map.of("chat_id", GUEST.id(), "from_chat_id", OWNER.id(), "message_id", ownerReply))
            .result();
    assertThat(copied.has("message_id")).isTrue();
    assertThat(copied.has("text")).isFalse();
    SentMessage toGuest = emulator.lastMessageTo(token, GUEST.id());
    assertThat(toGuest.text()).isEqualTo("Hi Gus");
    assertThat(toGuest.message().forwardOrigin()).isNull();
  }

  @Test
  void aListenerIsToldEveryMessageAsItIsMade() {
    String token = emulator.registerBot("relay_three_bot").token();
    List<String> seen = new CopyOnWriteArrayList<>();
    emulator.onBotMessage(
        (bot, sent) -> {
          if (bot.token().equals(token)) {
            seen.add(sent.chatId() + ":" + sent.text());
          }
        });
    emulator.userSendsText(token, GUEST, "hi");

    client.form(token, "sendMessage", Map.of("chat_id", GUEST.id(), "text", "Hello Gus"));

    assertThat(seen).containsExactly(GUEST.id() + ":Hello Gus");
  }

  @Test
  void aMissingMessageOrABlockedChatIsRefused() {
    String token = emulator.registerBot("relay_two_bot").token();
    emulator.userSendsText(token, OWNER, "/start");
    long guestMessage = emulator.userSendsText(token, GUEST, "psst").messageId();

    assertThat(
            client
                .form(
                    token,
                    "forwardMessage",
                    Map.of("chat_id", OWNER.id(), "from_chat_id", GUEST.id(), "message_id", 999))
                .description())
        .isEqualTo("Bad Request: message to forward not found");
    emulator.userBlocksBot(token, OWNER);
    assertThat(
            client
                .form(
                    token,
                    "forwardMessage",
                    Map.of(
                        "chat_id",
                        OWNER.id(),
                        "from_chat_id",
                        GUEST.id(),
                        "message_id",
                        guestMessage))
                .status())
        .isEqualTo(403);
  }
}
