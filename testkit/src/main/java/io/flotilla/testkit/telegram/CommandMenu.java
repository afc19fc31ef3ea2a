package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.BotCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The command lists of one bot by scope and language: setMyCommands, getMyCommands and
 * deleteMyCommands, checked in the order of the Bot API server (parameters), TDLib (scope,
 * language, each command) and Telegram (count, characters). Guarded by the monitor of the owning
 * {@link BotState}.
 */
final class CommandMenu {
  private static final int MAX_COMMANDS = 100;
  private static final int MAX_COMMAND_LENGTH = 32;
  private static final int MAX_DESCRIPTION_LENGTH = 256;
  private static final Pattern COMMAND_CHARACTERS = Pattern.compile("[a-z0-9_]+");
  private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2}");

  /** A BotCommandScope as parsed: chat_id is kept as given until the chat is looked up. */
  private record Scope(String type, String chatId, long userId) {
    boolean namesChat() {
      return !chatId.isEmpty();
    }
  }

  /** Where one list is stored: the scope with its chat resolved, and the language ("" = all). */
  private record ListKey(String scopeType, long chatId, long userId, String languageCode) {}

  private final ObjectMapper json;
  private final Map<ListKey, List<BotCommand>> lists = new HashMap<>();

  CommandMenu(ObjectMapper json) {
    this.json = json;
  }

  Object set(BotState bot, BotApiRequest request) {
    List<BotCommand> commands = parseCommands(request.arg("commands"));
    Scope scope = parseScope(request.arg("scope"));
    synchronized (bot) {
      ListKey key = resolve(bot, scope, request.arg("language_code"));
      List<BotCommand> cleaned = new ArrayList<>();
      for (BotCommand command : commands) {
        cleaned.add(clean(command));
      }
      if (cleaned.size() > MAX_COMMANDS) {
        throw BotApiException.badRequest("BOT_COMMANDS_TOO_MUCH");
      }
      for (BotCommand command : cleaned) {
        if (!COMMAND_CHARACTERS.matcher(command.command()).matches()) {
          throw BotApiException.badRequest("BOT_COMMAND_INVALID");
        }
      }
      if (cleaned.isEmpty()) {
        lists.remove(key);
      } else {
        lists.put(key, List.copyOf(cleaned));
      }
      return true;
    }
  }

  Object get(BotState bot, BotApiRequest request) {
    Scope scope = parseScope(request.arg("scope"));
    synchronized (bot) {
      return lists.getOrDefault(resolve(bot, scope, request.arg("language_code")), List.of());
    }
  }

  Object delete(BotState bot, BotApiRequest request) {
    Scope scope = parseScope(request.arg("scope"));
    synchronized (bot) {
      lists.remove(resolve(bot, scope, request.arg("language_code")));
      return true;
    }
  }

  /**
   * The list a user sees in their private chat with the bot, found as core.telegram.org documents
   * it: chat, then all_private_chats, then default, each first for the user's language and then for
   * all languages. Scopes for group members and administrators never apply to private chats.
   */
  List<BotCommand> seenInPrivateChat(long userId, String languageCode) {
    // Lists are keyed by a two-letter ISO 639-1 code; apps report IETF tags such as "zh-hans".
    String language =
        languageCode == null ? "" : languageCode.split("-", 2)[0].toLowerCase(Locale.ROOT);
    List<ListKey> candidates =
        List.of(
            new ListKey("chat", userId, 0, language),
            new ListKey("chat", userId, 0, ""),
            new ListKey("all_private_chats", 0, 0, language),
            new ListKey("all_private_chats", 0, 0, ""),
            new ListKey("default", 0, 0, language),
            new ListKey("default", 0, 0, ""));
    return candidates.stream()
        .map(lists::get)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(List.of());
  }

  /** TDLib's checks of the scope (its chat must exist) and of the language code, in its order. */
  private ListKey resolve(BotState bot, Scope scope, String languageCode) {
    long chatId = 0;
    if (scope.namesChat()) {
      chatId = BotApiMethods.existingChat(bot, scope.chatId()).chat.id();
      // Every chat of the emulator is private, where only the "chat" scope is allowed.
      if (!scope.type().equals("chat")) {
        throw BotApiException.badRequest("can't use specified scope in private chats");
      }
    }
    if (!languageCode.isEmpty() && !LANGUAGE_CODE.matcher(languageCode).matches()) {
      throw BotApiException.badRequest("invalid language code specified");
    }
    return new ListKey(scope.type(), chatId, scope.userId(), languageCode);
  }

  /** TDLib trims both texts and drops a leading slash before it checks their lengths. */
  private static BotCommand clean(BotCommand command) {
    String name = command.command().strip();
    if (name.startsWith("/")) {
      name = name.substring(1);
    }
    if (name.isEmpty()) {
      throw BotApiException.badRequest("command must be non-empty");
    }
    if (name.codePointCount(0, name.length()) > MAX_COMMAND_LENGTH) {
      throw BotApiException.badRequest("command length must not exceed " + MAX_COMMAND_LENGTH);
    }
    String description = command.description().strip();
    if (description.isEmpty()) {
      throw BotApiException.badRequest("command description must be non-empty");
    }
    if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_LENGTH) {
      throw BotApiException.badRequest(
          "command description length must not exceed " + MAX_DESCRIPTION_LENGTH);
    }
    return new BotCommand(name, description);
  }

  private List<BotCommand> parseCommands(String value) {
    if (value.isEmpty()) {
      return List.of();
    }
    JsonNode commands = parse(value, "can't parse commands JSON object");
    if (!commands.isArray()) {
      throw BotApiException.badRequest("expected an Array of BotCommand");
    }
    List<BotCommand> parsed = new ArrayList<>();
    for (JsonNode command : commands) {
      String problem = "can't parse BotCommand: ";
      if (!command.isObject()) {
        throw BotApiException.badRequest(problem + "expected an Object");
      }
      parsed.add(
          new BotCommand(
              stringField(command, "command", problem),
              stringField(command, "description", problem)));
    }
    return parsed;
  }

  private Scope parseScope(String value) {
    if (value.isEmpty()) {
      return new Scope("default", "", 0);
    }
    JsonNode scope = parse(value, "can't parse BotCommandScope JSON object");
    String problem = "can't parse BotCommandScope: ";
    if (!scope.isObject()) {
      throw BotApiException.badRequest(problem + "BotCommandScope must be an Object");
    }
    String type = stringField(scope, "type", problem);
    switch (type) {
      case "default", "all_private_chats", "all_group_chats", "all_chat_administrators" -> {
        return new Scope(type, "", 0);
      }
      case "chat", "chat_administrators", "chat_member" -> {
        // handled below
      }
      default -> throw BotApiException.badRequest(problem + "Unsupported type specified");
    }
    String chatId = stringField(scope, "chat_id", problem);
    if (chatId.isEmpty()) {
      throw BotApiException.badRequest(problem + "Empty chat_id specified");
    }
    if (!type.equals("chat_member")) {
      return new Scope(type, chatId, 0);
    }
    JsonNode userId = scope.get("user_id");
    if (userId == null) {
      throw BotApiException.badRequest(problem + "Can't find field \"user_id\"");
    }
    if (!userId.isNumber() && !userId.isTextual()) {
      throw BotApiException.badRequest(problem + "Field \"user_id\" must be a Number");
    }
    long parsedUserId = BotApiRequest.leadingInteger(userId.asText());
    if (parsedUserId <= 0) {
      throw BotApiException.badRequest(problem + "Invalid user_id specified");
    }
    return new Scope(type, chatId, parsedUserId);
  }

  private JsonNode parse(String value, String failure) {
    try {
      JsonNode parsed = json.readTree(value);
      if (parsed == null || parsed.isMissingNode()) {
        throw new IOException("no JSON value");
      }
      return parsed;
    } catch (IOException e) {
      throw BotApiException.badRequest(failure);
    }
  }

  /** Like TDLib's JSON reader, a string field also accepts a number and keeps its digits. */
  private static String stringField(JsonNode object, String name, String problem) {
    JsonNode value = object.get(name);
    if (value == null) {
      throw BotApiException.badRequest(problem + "Can't find field \"" + name + "\"");
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw BotApiException.badRequest(problem + "Field \"" + name + "\" must be of type String");
    }
    return value.asText();
  }
}
