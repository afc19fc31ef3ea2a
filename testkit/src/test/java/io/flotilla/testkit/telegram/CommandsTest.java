package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.telegram.BotApiClient.Answer;
import io.flotilla.testkit.telegram.BotApiTypes.BotCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommandsTest {
  private static final TelegramUser BOB = new TelegramUser(9201, "Bob", "bob", "de");
  private static final TelegramUser ALICE = new TelegramUser(9202, "Alice", "alice", "en");
  private static final TelegramUser CAROL = new TelegramUser(9203, "Carol", null, null);
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
  void eachUserSeesTheMostSpecificListInTheirLanguage() {
    String token = emulator.registerBot("menu_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    set(token, "[{\"command\":\"start\",\"description\":\"Start\"}]", null, null);
    set(token, "[{\"command\":\"start\",\"description\":\"Starten\"}]", null, "de");
    set(
        token,
        "[{\"command\":\"shop\",\"description\":\"Shop\"}]",
        "{\"type\":\"all_private_chats\"}",
        null);

    List<BotCommand> beforeChatList = emulator.commandsSeenBy(token, BOB);
    set(
        token,
        "[{\"command\":\"orders\",\"description\":\"Bestellungen\"}]",
        "{\"type\":\"chat\",\"chat_id\":" + BOB.id() + "}",
        "de");
    client.json(
        token,
        "deleteMyCommands",
        Map.of("scope", Map.of("type", "all_private_chats"), "language_code", ""));

    assertThat(beforeChatList).containsExactly(new BotCommand("shop", "Shop"));
    assertThat(emulator.commandsSeenBy(token, BOB))
        .containsExactly(new BotCommand("orders", "Bestellungen"));
    assertThat(emulator.commandsSeenBy(token, ALICE))
        .containsExactly(new BotCommand("start", "Start"));
    assertThat(emulator.commandsSeenBy(token, CAROL))
        .containsExactly(new BotCommand("start", "Start"));
    assertThat(emulator.commandsSeenBy(token, new TelegramUser(9204, "Dora", null, "de")))
        .containsExactly(new BotCommand("start", "Starten"));
  }

  @Test
  void getMyCommandsReturnsExactlyTheListOfItsScopeAndLanguage() {
    String token = emulator.registerBot("lister_bot").token();
    set(token, "[{\"command\":\"help\",\"description\":\"Help\"}]", null, "en");

    Answer english = client.form(token, "getMyCommands", Map.of("language_code", "en"));
    Answer anyLanguage = client.form(token, "getMyCommands", Map.of());
    Answer groups =
        client.json(
            token,
            "getMyCommands",
            Map.of("scope", Map.of("type", "all_group_chats"), "language_code", "en"));
    Answer cleared =
        client.json(token, "setMyCommands", Map.of("commands", List.of(), "language_code", "en"));

    assertThat(english.result().toString())
        .isEqualTo("[{\"command\":\"help\",\"description\":\"Help\"}]");
    assertThat(anyLanguage.result().isEmpty()).isTrue();
    assertThat(groups.result().isEmpty()).isTrue();
    assertThat(cleared.result().asBoolean()).isTrue();
    assertThat(emulator.commandsSeenBy(token, ALICE)).isEmpty();
  }

  @Test
  void commandsAreCleanedAndCheckedLikeTelegramDoes() {
    String token = emulator.registerBot("picky_menu_bot").token();
    String tooMany =
        IntStream.rangeClosed(1, 101)
            .mapToObj(i -> "{\"command\":\"c" + i + "\",\"description\":\"d\"}")
            .collect(Collectors.joining(",", "[", "]"));

    Answer trimmed =
        set(token, "[{\"command\":\" /start \",\"description\":\" Go \"}]", null, null);

    assertThat(trimmed.result().asBoolean()).isTrue();
    assertThat(emulator.commandsSeenBy(token, ALICE))
        .containsExactly(new BotCommand("start", "Go"));
    assertThat(rejection(token, "[{\"command\":\"Start\",\"description\":\"x\"}]"))
        .isEqualTo("Bad Request: BOT_COMMAND_INVALID");
    assertThat(rejection(token, "[{\"command\":\"" + "a".repeat(33) + "\",\"description\":\"x\"}]"))
        .isEqualTo("Bad Request: command length must not exceed 32");
    assertThat(rejection(token, "[{\"command\":\"/\",\"description\":\"x\"}]"))
        .isEqualTo("Bad Request: command must be non-empty");
    assertThat(rejection(token, "[{\"command\":\"a\",\"description\":\"  \"}]"))
        .isEqualTo("Bad Request: command description must be non-empty");
    assertThat(
            rejection(token, "[{\"command\":\"a\",\"description\":\"" + "d".repeat(257) + "\"}]"))
        .isEqualTo("Bad Request: command description length must not exceed 256");
    assertThat(rejection(token, tooMany)).isEqualTo("Bad Request: BOT_COMMANDS_TOO_MUCH");
    assertThat(rejection(token, "not json"))
        .isEqualTo("Bad Request: can't parse commands JSON object");
    assertThat(rejection(token, "{\"command\":\"a\"}"))
        .isEqualTo("Bad Request: expected an Array of BotCommand");
    assertThat(rejection(token, "[{\"command\":\"a\"}]"))
        .isEqualTo("Bad Request: can't parse BotCommand: Can't find field \"description\"");
    assertThat(emulator.commandsSeenBy(token, ALICE))
        .containsExactly(new BotCommand("start", "Go"));
  }

  @Test
  void scopesAndLanguagesAreCheckedLikeTelegramDoes() {
    String token = emulator.registerBot("scoped_menu_bot").token();
    emulator.userSendsText(token, BOB, "hi");
    String commands = "[{\"command\":\"a\",\"description\":\"b\"}]";

    assertThat(set(token, commands, "{\"type\":\"everyone\"}", null).description())
        .isEqualTo("Bad Request: can't parse BotCommandScope: Unsupported type specified");
    assertThat(set(token, commands, "{\"type\":\"chat\"}", null).description())
        .isEqualTo("Bad Request: can't parse BotCommandScope: Can't find field \"chat_id\"");
    assertThat(set(token, commands, "[1]", null).description())
        .isEqualTo("Bad Request: can't parse BotCommandScope: BotCommandScope must be an Object");
    assertThat(set(token, commands, "{\"type\":\"chat\",\"chat_id\":424242}", null).description())
        .isEqualTo("Bad Request: chat not found");
    assertThat(
            set(
                    token,
                    commands,
                    "{\"type\":\"chat_member\",\"chat_id\":%d,\"user_id\":%d}"
                        .formatted(BOB.id(), BOB.id()),
                    null)
                .description())
        .isEqualTo("Bad Request: can't use specified scope in private chats");
    assertThat(set(token, commands, null, "deu").description())
        .isEqualTo("Bad Request: invalid language code specified");
    assertThat(emulator.commandsSeenBy(token, BOB)).isEmpty();
  }

  private static String rejection(String token, String commands) {
    Answer answer = set(token, commands, null, null);
    assertThat(answer.status()).isEqualTo(400);
    return answer.description();
  }

  private static Answer set(String token, String commands, String scope, String language) {
    Map<String, Object> params = new HashMap<>(Map.of("commands", commands));
    if (scope != null) {
      params.put("scope", scope);
    }
    if (language != null) {
      params.put("language_code", language);
    }
    return client.form(token, "setMyCommands", params);
  }
}
