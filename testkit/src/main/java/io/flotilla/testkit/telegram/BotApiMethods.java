package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.testkit.telegram.BotApiRequest.UploadedFile;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import io.flotilla.testkit.telegram.BotApiTypes.Document;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import io.flotilla.testkit.telegram.BotState.ChatState;
import io.flotilla.testkit.telegram.BotState.StoredFile;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Bot API methods the emulator implements, except getUpdates, which needs to answer later.
 * Parameters are checked in the order of the real server, so that a request with several problems
 * gets the same error.
 */
final class BotApiMethods {
  /** A result with the "description" the server adds to some successful answers. */
  record Described(Object result, String description) {}

  @FunctionalInterface
  private interface Method {
    Object call(BotState bot, BotApiRequest request);
  }

  /** The reply_markup of a message: as the user sees it, and as the Message object echoes it. */
  private record Markup(JsonNode visible, JsonNode inlineKeyboard) {
    static final Markup NONE = new Markup(null, null);
  }

  private record ReplyTarget(long messageId, boolean allowSendingWithoutReply) {}

  static final String GET_UPDATES = "getupdates";
  private static final int MAX_CALLBACK_DATA_BYTES = 64;
  private static final long MAX_UPLOAD_BYTES = 50L * 1024 * 1024;
  private static final List<String> INLINE_BUTTON_ACTIONS =
      List.of(
          ("url callback_data callback_game pay switch_inline_query"
                  + " switch_inline_query_chosen_chat switch_inline_query_current_chat login_url"
                  + " web_app copy_text")
              .split(" "));
  private static final Set<String> CHAT_ACTIONS =
      FormattedText.words(
          "cancel typing record_video upload_video record_audio record_voice upload_audio"
              + " upload_voice upload_photo upload_document choose_sticker pick_up_location"
              + " find_location record_video_note upload_video_note");
  private static final Set<String> DOCUMENT_URL_EXTENSIONS = FormattedText.words("pdf zip gif");
  private static final Map<String, String> MIME_TYPES =
      Map.of(
          "txt", "text/plain",
          "csv", "text/csv",
          "json", "application/json",
          "pdf", "application/pdf",
          "zip", "application/zip",
          "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "png", "image/png",
          "jpg", "image/jpeg",
          "gif", "image/gif");

  private final ObjectMapper json;
  private final Map<String, Method> methods;

  BotApiMethods(ObjectMapper json) {
    this.json = json;
    this.methods =
        Map.of(
            "getme", (bot, request) -> bot.me.withBotCapabilities(),
            "setwebhook", (bot, request) -> setWebhook(bot, request, false),
            "deletewebhook", (bot, request) -> setWebhook(bot, request, true),
            "getwebhookinfo", (bot, request) -> bot.updates.webhookInfo(),
            "sendmessage", this::sendMessage,
            "senddocument", this::sendDocument,
            "editmessagetext", this::editMessageText,
            "editmessagereplymarkup", this::editMessageReplyMarkup,
            "answercallbackquery", BotApiMethods::answerCallbackQuery,
            "sendchataction", BotApiMethods::sendChatAction);
  }

  /**
   * @param method a lower-case method name; method names are case-insensitive
   */
  boolean exists(String method) {
    return method.equals(GET_UPDATES) || methods.containsKey(method);
  }

  Object call(BotState bot, String method, BotApiRequest request) {
    return methods.get(method).call(bot, request);
  }

  private static Described setWebhook(BotState bot, BotApiRequest request, boolean delete) {
    return new Described(true, bot.updates.setWebhook(request, delete));
  }

  private Message sendMessage(BotState bot, BotApiRequest request) {
    String text = request.arg("text");
    if (text.isEmpty()) {
      throw BotApiException.badRequest("message text is empty");
    }
    checkJsonObject(request, "link_preview_options", "link preview options");
    FormattedText content =
        FormattedText.parse(text, request.arg("parse_mode"), request.arg("entities"), json);
    ReplyTarget replyTarget = replyTarget(request);
    Markup markup = replyMarkup(request);
    synchronized (bot) {
      ChatState chat = writableChat(bot, request.arg("chat_id"));
      Message replied = repliedMessage(chat, replyTarget);
      FormattedText finished = content.finish(FormattedText.MAX_TEXT_LENGTH, "message is too long");
      return store(bot, chat, request, replied, finished, null, markup);
    }
  }

  private Message sendDocument(BotState bot, BotApiRequest request) {
    String reference = request.arg("document");
    UploadedFile upload =
        reference.startsWith("attach://")
            ? request.files().get(reference.substring("attach://".length()))
            : request.files().get("document");
    boolean remote = !reference.isEmpty() && !reference.startsWith("attach://");
    if (upload == null && !remote) {
      throw BotApiException.badRequest("there is no document in the request");
    }
    FormattedText caption =
        FormattedText.parse(
            request.arg("caption"),
            request.arg("parse_mode"),
            request.arg("caption_entities"),
            json);
    ReplyTarget replyTarget = replyTarget(request);
    Markup markup = replyMarkup(request);
    synchronized (bot) {
      ChatState chat = writableChat(bot, request.arg("chat_id"));
      Message replied = repliedMessage(chat, replyTarget);
      Document document = remote ? remoteDocument(bot, reference) : uploadedDocument(bot, upload);
      FormattedText finished =
          caption.text().isBlank()
              ? FormattedText.plain("")
              : caption.finish(FormattedText.MAX_CAPTION_LENGTH, "message caption is too long");
      return store(bot, chat, request, replied, finished, document, markup);
    }
  }

  private static Message store(
      BotState bot,
      ChatState chat,
      BotApiRequest request,
      Message replied,
      FormattedText content,
      Document document,
      Markup markup) {
    boolean isDocument = document != null;
    String caption = isDocument && !content.text().isEmpty() ? content.text() : null;
    Message message =
        new Message(
            bot.nextMessageId(),
            bot.me,
            chat.chat,
            Instant.now().getEpochSecond(),
            null,
            replied == null ? null : replied.withoutReply(),
            isDocument ? null : content.text(),
            isDocument ? null : content.entitiesOrNull(),
            document,
            caption,
            isDocument ? content.entitiesOrNull() : null,
            request.bool("protect_content") ? true : null,
            markup.inlineKeyboard());
    chat.messages.put(message.messageId(), message);
    bot.record(
        chat,
        new SentMessage(
            chat.chat.id(),
            message.messageId(),
            false,
            content.text(),
            markup.visible(),
            isDocument ? document.fileName() : null,
            message));
    return message;
  }

  private Message editMessageText(BotState bot, BotApiRequest request) {
    String text = request.arg("text");
    if (text.isEmpty()) {
      throw BotApiException.badRequest("message text is empty");
    }
    checkJsonObject(request, "link_preview_options", "link preview options");
    FormattedText content =
        FormattedText.parse(text, request.arg("parse_mode"), request.arg("entities"), json);
    Markup markup = replyMarkup(request);
    synchronized (bot) {
      ChatState chat = chatOfEditedMessage(bot, request);
      Message message = messageToEdit(chat, request);
      if (message.text() == null) {
        throw BotApiException.badRequest("there is no text in the message to edit");
      }
      FormattedText finished = content.finish(FormattedText.MAX_TEXT_LENGTH, "message is too long");
      return edit(bot, chat, message, finished.text(), finished.entitiesOrNull(), markup);
    }
  }

  private Message editMessageReplyMarkup(BotState bot, BotApiRequest request) {
    Markup markup = replyMarkup(request);
    synchronized (bot) {
      ChatState chat = chatOfEditedMessage(bot, request);
      Message message = messageToEdit(chat, request);
      return edit(bot, chat, message, message.text(), message.entities(), markup);
    }
  }

  private static Message edit(
      BotState bot,
      ChatState chat,
      Message message,
      String text,
      List<MessageEntity> entities,
      Markup markup) {
    if (Objects.equals(text, message.text())
        && Objects.equals(entities, message.entities())
        && Objects.equals(markup.inlineKeyboard(), message.replyMarkup())) {
      throw BotApiException.badRequest(
          "message is not modified: specified new message content and reply markup are exactly the"
              + " same as a current content and reply markup of the message");
    }
    Message edited =
        message.edited(Instant.now().getEpochSecond(), text, entities, markup.inlineKeyboard());
    chat.messages.put(edited.messageId(), edited);
    bot.record(
        chat,
        new SentMessage(
            chat.chat.id(),
            edited.messageId(),
            true,
            Objects.requireNonNullElse(
                edited.text() != null ? edited.text() : edited.caption(), ""),
            markup.inlineKeyboard(),
            edited.document() == null ? null : edited.document().fileName(),
            edited));
    return edited;
  }

  /** Messages are identified by chat_id and message_id, or by inline_message_id. */
  private static ChatState chatOfEditedMessage(BotState bot, BotApiRequest request) {
    String chatId = request.arg("chat_id");
    if (chatId.isEmpty() && messageId(request, "message_id") == 0) {
      if (request.arg("inline_message_id").isEmpty()) {
        throw BotApiException.badRequest("message identifier is not specified");
      }
      // The emulator has no inline mode, so no inline message can exist.
      throw BotApiException.badRequest("MESSAGE_ID_INVALID");
    }
    return existingChat(bot, chatId);
  }

  private static Message messageToEdit(ChatState chat, BotApiRequest request) {
    Message message = chat.messages.get(messageId(request, "message_id"));
    if (message == null) {
      throw BotApiException.badRequest("message to edit not found");
    }
    if (!message.from().isBot()) {
      throw BotApiException.badRequest("message can't be edited");
    }
    return message;
  }

  private static Object answerCallbackQuery(BotState bot, BotApiRequest request) {
    String id = request.arg("callback_query_id");
    String text = request.arg("text");
    synchronized (bot) {
      CallbackQuery query = bot.callbackQueries.get(id);
      if (query == null) {
        throw BotApiException.badRequest(
            "query is too old and response timeout expired or query ID is invalid");
      }
      if (text.codePointCount(0, text.length()) > 200) {
        throw BotApiException.badRequest("MESSAGE_TOO_LONG");
      }
      bot.record(
          new CallbackAnswer(
              id,
              text.isEmpty() ? null : text,
              request.bool("show_alert"),
              request.arg("url").isEmpty() ? null : request.arg("url"),
              request.integer("cache_time", 0, 0, 30 * 24 * 60 * 60)));
    }
    return true;
  }

  private static Object sendChatAction(BotState bot, BotApiRequest request) {
    if (!CHAT_ACTIONS.contains(request.arg("action").toLowerCase(Locale.ROOT))) {
      throw BotApiException.badRequest("wrong parameter action in request");
    }
    synchronized (bot) {
      writableChat(bot, request.arg("chat_id"));
    }
    return true;
  }

  /** A chat the bot may post to: one whose user wrote to the bot and did not block it. */
  private static ChatState writableChat(BotState bot, String chatId) {
    ChatState chat = existingChat(bot, chatId);
    if (chat.blocked) {
      throw BotApiException.of(403, "Forbidden: bot was blocked by the user");
    }
    return chat;
  }

  private static ChatState existingChat(BotState bot, String chatId) {
    if (chatId.isEmpty()) {
      throw BotApiException.badRequest("chat_id is empty");
    }
    // Private chats have no public username, so "@name" never finds one.
    ChatState chat =
        chatId.startsWith("@") ? null : bot.chats.get(BotApiRequest.leadingInteger(chatId));
    if (chat == null) {
      throw BotApiException.badRequest("chat not found");
    }
    return chat;
  }

  private static long messageId(BotApiRequest request, String name) {
    return Math.max(request.integer(name, 0, Integer.MIN_VALUE, Integer.MAX_VALUE), 0);
  }

  private ReplyTarget replyTarget(BotApiRequest request) {
    if (!request.has("reply_parameters")) {
      return new ReplyTarget(
          messageId(request, "reply_to_message_id"), request.bool("allow_sending_without_reply"));
    }
    JsonNode parameters = jsonArgument(request, "reply_parameters", "reply parameters");
    if (parameters == null || parameters.isEmpty() && parameters.isObject()) {
      return new ReplyTarget(0, false);
    }
    if (!parameters.isObject()) {
      throw BotApiException.badRequest("object expected as reply parameters");
    }
    if (!parameters.path("message_id").canConvertToInt()) {
      throw BotApiException.badRequest("can't find field \"message_id\"");
    }
    return new ReplyTarget(
        Math.max(parameters.get("message_id").asInt(), 0),
        parameters.path("allow_sending_without_reply").asBoolean(false));
  }

  private static Message repliedMessage(ChatState chat, ReplyTarget target) {
    if (target.messageId() <= 0) {
      return null;
    }
    Message replied = chat.messages.get(target.messageId());
    if (replied == null && !target.allowSendingWithoutReply()) {
      throw BotApiException.badRequest("message to be replied not found");
    }
    return replied;
  }

  /**
   * Parses reply_markup like the server: inline keyboards are validated and echoed in the Message
   * with only the fields the server keeps; other keyboards are only shown to the user.
   */
  private Markup replyMarkup(BotApiRequest request) {
    JsonNode markup = jsonArgument(request, "reply_markup", "reply keyboard markup");
    if (markup == null) {
      return Markup.NONE;
    }
    if (!markup.isObject()) {
      throw BotApiException.badRequest("object expected as reply markup");
    }
    JsonNode keyboard = markup.path("keyboard");
    if (keyboard.isArray()) {
      for (JsonNode row : keyboard) {
        if (!row.isArray()) {
          throw BotApiException.badRequest("field \"keyboard\" must be an Array of Arrays");
        }
        for (JsonNode button : row) {
          if (!button.isTextual() && !button.isObject()) {
            throw BotApiException.badRequest(
                "can't parse keyboard button: KeyboardButton must be a String or an Object");
          }
          if (button.isObject() && !button.has("text")) {
            throw BotApiException.badRequest(
                "can't parse keyboard button: Can't find field \"text\"");
          }
        }
      }
      if (!keyboard.isEmpty()) {
        return new Markup(markup, null);
      }
    }
    ArrayNode inlineKeyboard = inlineKeyboard(markup.path("inline_keyboard"));
    if (!inlineKeyboard.isEmpty()) {
      ObjectNode echoed = json.createObjectNode().set("inline_keyboard", inlineKeyboard);
      return new Markup(echoed, echoed);
    }
    boolean shown =
        markup.path("remove_keyboard").asBoolean(false)
            || markup.path("hide_keyboard").asBoolean(false)
            || markup.path("force_reply").asBoolean(false);
    return shown ? new Markup(markup, null) : Markup.NONE;
  }

  private ArrayNode inlineKeyboard(JsonNode rows) {
    ArrayNode normalized = json.createArrayNode();
    if (!rows.isArray()) {
      return normalized;
    }
    for (JsonNode row : rows) {
      if (!row.isArray()) {
        throw BotApiException.badRequest(
            "field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
      }
      ArrayNode normalizedRow = normalized.addArray();
      for (JsonNode button : row) {
        normalizedRow.add(inlineButton(button));
      }
    }
    return normalized;
  }

  private ObjectNode inlineButton(JsonNode button) {
    String problem = "can't parse inline keyboard button: ";
    if (!button.isObject()) {
      throw BotApiException.badRequest(problem + "InlineKeyboardButton must be an Object");
    }
    JsonNode text = button.get("text");
    if (text == null) {
      throw BotApiException.badRequest(problem + "Can't find field \"text\"");
    }
    if (!text.isTextual() && !text.isNumber()) {
      throw BotApiException.badRequest(problem + "Field \"text\" must be of type String");
    }
    for (String action : INLINE_BUTTON_ACTIONS) {
      JsonNode value = button.get(action);
      boolean stringAction = action.equals("url") || action.equals("callback_data");
      if (value == null || stringAction && value.asText().isEmpty()) {
        continue;
      }
      if (action.equals("callback_data")
          && value.asText().getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES) {
        throw BotApiException.badRequest("BUTTON_DATA_INVALID");
      }
      ObjectNode normalized = json.createObjectNode().put("text", text.asText());
      normalized.set(action, value);
      return normalized;
    }
    throw BotApiException.badRequest(problem + "Text buttons are unallowed in the inline keyboard");
  }

  /** A parameter holding a JSON value; null when absent or empty. */
  private JsonNode jsonArgument(BotApiRequest request, String name, String description) {
    String value = request.arg(name);
    if (value.isEmpty()) {
      return null;
    }
    try {
      JsonNode parsed = json.readTree(value);
      if (parsed == null || parsed.isMissingNode()) {
        throw new IOException("no JSON value");
      }
      return parsed;
    } catch (IOException e) {
      throw BotApiException.badRequest("can't parse " + description + " JSON object");
    }
  }

  private void checkJsonObject(BotApiRequest request, String name, String description) {
    JsonNode value = jsonArgument(request, name, description);
    if (value != null && !value.isObject()) {
      throw BotApiException.badRequest("object expected as " + description);
    }
  }

  private static Document uploadedDocument(BotState bot, UploadedFile upload) {
    if (upload.content().length == 0) {
      throw BotApiException.badRequest("file must be non-empty");
    }
    if (upload.content().length > MAX_UPLOAD_BYTES) {
      throw BotApiException.of(413, "Request Entity Too Large");
    }
    String fileName =
        upload.fileName() == null || upload.fileName().isBlank() ? "document" : upload.fileName();
    String mimeType = mimeTypeOf(fileName, upload.contentType());
    Document document =
        new Document(
            fileName, mimeType, newFileId(), newFileUniqueId(), (long) upload.content().length);
    bot.files.put(document.fileId(), new StoredFile(document, upload.content().clone()));
    return document;
  }

  /**
   * A file_id of this bot, or an HTTP URL that Telegram downloads (for documents: GIF, PDF, ZIP).
   */
  private static Document remoteDocument(BotState bot, String reference) {
    StoredFile known = bot.files.get(reference);
    if (known != null) {
      return known.document();
    }
    String lower = reference.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw BotApiException.badRequest("wrong file identifier/HTTP URL specified");
    }
    String path = reference.replaceFirst("[?#].*$", "");
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (!fileName.contains(".") || !DOCUMENT_URL_EXTENSIONS.contains(extension)) {
      throw BotApiException.badRequest("wrong type of the web page content");
    }
    Document document =
        new Document(fileName, mimeTypeOf(fileName, null), newFileId(), newFileUniqueId(), null);
    bot.files.put(document.fileId(), new StoredFile(document, new byte[0]));
    return document;
  }

  /** Telegram derives the MIME type from the file name, not from the uploaded part's header. */
  private static String mimeTypeOf(String fileName, String declaredType) {
    String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String known = fileName.contains(".") ? MIME_TYPES.get(extension) : null;
    if (known == null) {
      known = URLConnection.guessContentTypeFromName(fileName);
    }
    if (known == null && declaredType != null && !declaredType.isBlank()) {
      known = declaredType;
    }
    return known == null ? "application/octet-stream" : known;
  }

  private static String newFileId() {
    return "BQACAgIAAxkDAAI" + randomBase64Url(54);
  }

  private static String newFileUniqueId() {
    return "AgAD" + randomBase64Url(12);
  }

  static String randomBase64Url(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
  }
}
