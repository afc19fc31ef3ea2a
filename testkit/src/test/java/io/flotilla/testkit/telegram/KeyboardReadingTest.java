package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyboardReadingTest {
  private static final TelegramUser BOB = new TelegramUser(9401, "Bob", "bob", "de");
  private static final String CATALOG_KEYBOARD =
      "{\"inline_keyboard\":[[{\"text\":\"Buy\",\"callback_data\":\"buy:7\"}],"
          + "[{\"text\":\"Terms\",\"url\":\"https://example.com/terms\"}]]}";
  private static final String CART_KEYBOARD =
      "{\"inline_keyboard\":[[{\"text\":\"Buy\",\"callback_data\":\"checkout\"},"
          + "{\"text\":\"Back\",\"callback_data\":\"back\"}]]}";
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
  void aPersonPressesTheButtonTheyReadOnTheLatestMessageShowingIt() {
    String token = emulator.registerBot("reader_bot").token();
    emulator.userSendsText(token, BOB, "/start");
    long catalog = send(token, "Catalog", CATALOG_KEYBOARD);
    long cart = send(token, "Your cart", CART_KEYBOARD);

    CallbackQuery buy = emulator.userPressesButtonLabelled(token, BOB, "Buy");

    assertThat(buy.data()).isEqualTo("checkout");
    assertThat(buy.message().messageId()).isEqualTo(cart);
    JsonNode updates = client.form(token, "getUpdates", Map.of()).result();
    assertThat(updates.get(updates.size() - 1).at("/callback_query/data").asText())
        .isEqualTo("checkout");
    assertThat(emulator.lastMessageTo(token, BOB.id()).text()).isEqualTo("Your cart");
    assertThat(emulator.lastMessageTo(token, BOB.id()).buttonLabels())
        .containsExactly("Buy", "Back");
    assertThat(emulator.buttonsOf(token, BOB.id(), catalog))
        .containsExactly(
            new InlineButton("Buy", "buy:7", null, false),
            new InlineButton("Terms", null, "https://example.com/terms", false));
    assertThat(emulator.buttonUrl(token, BOB.id(), "Terms")).isEqualTo("https://example.com/terms");
  }

  @Test
  void aModifiedClientSendsAnyCallbackDataUpToSixtyFourBytes() {
    String token = emulator.registerBot("forged_keys_bot").token();
    emulator.userSendsText(token, BOB, "/start");
    long cart = send(token, "Your cart", CART_KEYBOARD);

    CallbackQuery forged = emulator.userSendsForgedCallback(token, BOB, cart, "refund:other");

    assertThat(forged.data()).isEqualTo("refund:other");
    JsonNode updates = client.form(token, "getUpdates", Map.of()).result();
    assertThat(updates.get(updates.size() - 1).at("/callback_query/data").asText())
        .isEqualTo("refund:other");
    assertThatThrownBy(() -> emulator.userSendsForgedCallback(token, BOB, cart, "x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emulator.userSendsForgedCallback(token, BOB, 424242, "back"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buttonsAnEditRemovedCannotBePressedAndTheFailureListsWhatIsShown() {
    String token = emulator.registerBot("edited_keys_bot").token();
    emulator.userSendsText(token, BOB, "/start");
    send(token, "Catalog", CATALOG_KEYBOARD);
    long cart = send(token, "Your cart", CART_KEYBOARD);
    client.form(
        token, "editMessageText", Map.of("chat_id", BOB.id(), "message_id", cart, "text", "Paid"));

    CallbackQuery olderBuy = emulator.userPressesButtonLabelled(token, BOB, "Buy");

    assertThat(olderBuy.data()).isEqualTo("buy:7");
    assertThat(emulator.lastMessageTo(token, BOB.id()).buttons()).isEmpty();
    assertThatThrownBy(() -> emulator.userPressesButtonLabelled(token, BOB, "Back"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no inline button labelled \"Back\"")
        .hasMessageContaining("[Buy -> buy:7] [Terms -> https://example.com/terms]");
    assertThatThrownBy(() -> emulator.userPressesButtonLabelled(token, BOB, "Terms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sends nothing to the bot");
    assertThatThrownBy(() -> emulator.buttonsOf(token, BOB.id(), 424242))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChatWithoutMessagesOfTheBotHasNoLastMessage() {
    String token = emulator.registerBot("silent_bot").token();
    emulator.userSendsText(token, BOB, "anyone?");

    assertThatThrownBy(() -> emulator.lastMessageTo(token, BOB.id()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shows no message");
  }

  private static long send(String token, String text, String keyboard) {
    return client
        .form(
            token,
            "sendMessage",
            Map.of("chat_id", BOB.id(), "text", text, "reply_markup", keyboard))
        .result()
        .get("message_id")
        .asLong();
  }
}
