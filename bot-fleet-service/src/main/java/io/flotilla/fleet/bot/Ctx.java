package io.flotilla.fleet.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.flotilla.fleet.i18n.Language;
import io.flotilla.fleet.i18n.Texts;
import io.flotilla.fleet.outbound.BotSender;
import io.flotilla.fleet.outbound.Priority;
import io.flotilla.platform.telegram.BotApiException;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Everything a handler needs about one update, filled in by the dispatcher's middleware before the
 * handler runs: the bot (tenant), the person and their roles, their language and conversation step;
 * and the ways to answer them. Replies go out with {@link Priority#REPLY}.
 */
public final class Ctx {

  /** Whose conversation this is: a person in a chat with a bot. */
  public record Key(long botId, long chatId, long userId) {}

  private static final ObjectMapper STEP_JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final BotInfo bot;
  private final BotSender sender;
  private final SessionStore sessions;
  private final Update update;
  private final Key key;
  private final Set<Role> roles;
  private Language language;
  private Conversation conversation;
  private boolean callbackAnswered;

  /** Made by the dispatcher for each update. */
  public Ctx(
      BotInfo bot,
      BotSender sender,
      SessionStore sessions,
      Update update,
      Key key,
      Set<Role> roles,
      Language language,
      Conversation conversation) {
    this.bot = bot;
    this.sender = sender;
    this.sessions = sessions;
    this.update = update;
    this.key = key;
    this.roles = Set.copyOf(roles);
    this.language = language;
    this.conversation = conversation;
  }

  public BotInfo bot() {
    return bot;
  }

  public Update update() {
    return update;
  }

  public long chatId() {
    return key.chatId();
  }

  /** The Telegram user id of the person; a customer's id in the ledger and the inventory. */
  public long userId() {
    return key.userId();
  }

  public Key key() {
    return key;
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public Set<Role> roles() {
    return roles;
  }

  public Language language() {
    return language;
  }

  /** The text of the message, or "" (a button press, a document without caption...). */
  public String text() {
    Message message = update.getMessage();
    return message != null && message.hasText() ? message.getText() : "";
  }

  /** What follows the command in a command message ("/withdraw_pay 42 tx9" → "42 tx9"), or "". */
  public String commandArgs() {
    String text = text().strip();
    if (!text.startsWith("/")) {
      return "";
    }
    String[] parts = text.split("\\s+", 2);
    return parts.length > 1 ? parts[1].strip() : "";
  }

  public Message message() {
    return update.getMessage();
  }

  public CallbackQuery callbackQuery() {
    return update.getCallbackQuery();
  }

  // ---- texts

  public String t(String key, Object... args) {
    return Texts.text(language, key, args);
  }

  public String money(long minorUnits, String currency) {
    return Texts.money(language, minorUnits, currency);
  }

  // ---- answering

  /** Sends a new message to the chat; the result is its message id. */
  public Uni<Integer> reply(String text) {
    return reply(text, null);
  }

  public Uni<Integer> reply(String text, Keyboard keyboard) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("chat_id", key.chatId());
    parameters.put("text", text);
    if (keyboard != null && !keyboard.isEmpty()) {
      parameters.put("reply_markup", keyboard.toMarkup());
    }
    return sender
        .send(Priority.REPLY, key.chatId(), "sendMessage", parameters)
        .map(message -> message.path("message_id").asInt());
  }

  /**
   * Shows a screen: edits the message whose button was pressed (menus, pages), or sends a new
   * message when the update is not a button press.
   */
  public Uni<Void> show(String text, Keyboard keyboard) {
    CallbackQuery query = update.getCallbackQuery();
    if (query == null || query.getMessage() == null) {
      return reply(text, keyboard).replaceWithVoid();
    }
    return edit(query.getMessage().getMessageId(), text, keyboard);
  }

  /** Edits a message the bot sent in this chat; "not modified" is not an error to a person. */
  public Uni<Void> edit(int messageId, String text, Keyboard keyboard) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("chat_id", key.chatId());
    parameters.put("message_id", messageId);
    parameters.put("text", text);
    if (keyboard != null && !keyboard.isEmpty()) {
      parameters.put("reply_markup", keyboard.toMarkup());
    }
    return sender
        .send(Priority.REPLY, null, "editMessageText", parameters)
        .replaceWithVoid()
        .onFailure(Ctx::notModified)
        .recoverWithNull();
  }

  /** Sends a text file, for results that do not fit a message. */
  public Uni<Void> document(String fileName, byte[] content, String caption) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("chat_id", key.chatId());
    if (caption != null) {
      parameters.put("caption", caption);
    }
    return sender
        .upload(
            Priority.REPLY, key.chatId(), "sendDocument", parameters, "document", fileName, content)
        .replaceWithVoid();
  }

  /**
   * The content of a file the person sent (a document's {@code file_id}); up to Telegram's 20 MB.
   */
  public Uni<byte[]> downloadFile(String fileId) {
    return sender.download(Priority.REPLY, fileId);
  }

  /** Deletes the message this update carries, e.g. one with a bot token in it. */
  public Uni<Void> deleteIncoming() {
    Message message = update.getMessage();
    if (message == null) {
      return Uni.createFrom().voidItem();
    }
    return sender
        .send(
            Priority.REPLY,
            null,
            "deleteMessage",
            Map.of("chat_id", key.chatId(), "message_id", message.getMessageId()))
        .replaceWithVoid();
  }

  /** Answers the pressed button silently (stops the client's spinner). */
  public Uni<Void> answer() {
    return answer(null, false);
  }

  /** Answers the pressed button with a short notice, or an alert the person must dismiss. */
  public Uni<Void> answer(String text, boolean alert) {
    CallbackQuery query = update.getCallbackQuery();
    if (query == null || callbackAnswered) {
      return Uni.createFrom().voidItem();
    }
    callbackAnswered = true;
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("callback_query_id", query.getId());
    if (text != null) {
      parameters.put("text", text);
      parameters.put("show_alert", alert);
    }
    return sender
        .send(Priority.REPLY, null, "answerCallbackQuery", parameters)
        .replaceWithVoid()
        // A query answered too late has expired on Telegram's side: nothing left to do.
        .onFailure(BotApiException.class)
        .recoverWithNull();
  }

  public boolean callbackAnswered() {
    return callbackAnswered;
  }

  /** Calls any other Bot API method as this bot, as a reply to this person's action. */
  public Uni<JsonNode> call(String method, Map<String, Object> parameters) {
    return sender.send(Priority.REPLY, null, method, parameters);
  }

  // ---- conversation

  public Conversation conversation() {
    return conversation;
  }

  /** The data of the step the person is at, if it is this step. */
  public <T> T stepData(Step<T> step) {
    if (!conversation.isAt(step)) {
      throw new IllegalStateException("not at step " + step.name());
    }
    return STEP_JSON.convertValue(conversation.data(), step.dataType());
  }

  /** Waits for the person's next message at this step, with this data. */
  public <T> Uni<Void> enter(Step<T> step, T data) {
    JsonNode json = STEP_JSON.valueToTree(data);
    return sessions
        .enter(key, step.name(), STEP_JSON.convertValue(json, Map.class), conversation.version())
        .invoke(version -> conversation = new Conversation(step.name(), json, version))
        .replaceWithVoid();
  }

  /** Ends the conversation: the next message is read on its own. */
  public Uni<Void> leave() {
    if (conversation.step() == null) {
      return Uni.createFrom().voidItem();
    }
    int version = conversation.version();
    return sessions.leave(key, version).invoke(() -> conversation = Conversation.none(version + 1));
  }

  /** Keeps the person's choice of language for this shop, and speaks it from now on. */
  public Uni<Void> chooseLanguage(Language chosen) {
    return sessions
        .chooseLanguage(bot.tenantId(), key.userId(), chosen)
        .invoke(() -> language = chosen);
  }

  private static boolean notModified(Throwable failure) {
    return failure instanceof BotApiException api
        && api.errorCode() == 400
        && api.getMessage() != null
        && api.getMessage().contains("message is not modified");
  }
}
