package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.testkit.telegram.BotApiRequest.UploadedFile;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import io.flotilla.testkit.telegram.BotApiTypes.Document;
import io.flotilla.testkit.telegram.BotApiTypes.File;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import io.flotilla.testkit.telegram.BotFiles.StoredFile;
import io.flotilla.testkit.telegram.BotState.ChatState;
import io.flotilla.testkit.telegram.StarPayments.InvoiceRequest;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

  /** The emulator's registry of bots, for methods that reach other bots: managed bots. */
  interface BotDirectory {
    /** The bot with this id, or null. */
    BotState botById(long botId);

    String tokenOf(BotState bot);

    /** Revokes the bot's token and returns its new one. */
    String replaceToken(BotState bot);
  }

  /** The reply_markup of a message: as the user sees it, and as the Message object echoes it. */
  private record Markup(JsonNode visible, JsonNode inlineKeyboard) {
    static final Markup NONE = new Markup(null, null);
  }

  private record ReplyTarget(long messageId, boolean allowSendingWithoutReply) {}

  static final String GET_UPDATES = "getupdates";

  /** Bots may delete messages, theirs and (in private chats) the user's, for 48 hours. */
  static final Duration DELETE_WINDOW = Duration.ofHours(48);

  private static final int MAX_DELETED_AT_ONCE = 100;
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
  private final BotDirectory directory;
  private final Map<String, Method> methods;

  BotApiMethods(ObjectMapper json, BotDirectory directory) {
    this.json = json;
    this.directory = directory;
    this.methods =
        Map.ofEntries(
            Map.entry("getme", (bot, request) -> bot.me.withBotCapabilities(bot.canManageBots)),
            Map.entry("setwebhook", (bot, request) -> setWebhook(bot, request, false)),
            Map.entry("deletewebhook", (bot, request) -> setWebhook(bot, request, true)),
            Map.entry("getwebhookinfo", (bot, request) -> bot.updates.webhookInfo()),
            Map.entry("sendmessage", this::sendMessage),
            Map.entry("senddocument", this::sendDocument),
            Map.entry("forwardmessage", (bot, request) -> forwardOrCopy(bot, request, true)),
            Map.entry("copymessage", (bot, request) -> forwardOrCopy(bot, request, false)),
            Map.entry("sendinvoice", this::sendInvoice),
            Map.entry("editmessagetext", this::editMessageText),
            Map.entry("editmessagereplymarkup", this::editMessageReplyMarkup),
            Map.entry("deletemessage", BotApiMethods::deleteMessage),
            Map.entry("deletemessages", this::deleteMessages),
            Map.entry("answercallbackquery", BotApiMethods::answerCallbackQuery),
            Map.entry("sendchataction", BotApiMethods::sendChatAction),
            Map.entry("setmycommands", (bot, request) -> bot.commands.set(bot, request)),
            Map.entry("getmycommands", (bot, request) -> bot.commands.get(bot, request)),
            Map.entry("deletemycommands", (bot, request) -> bot.commands.delete(bot, request)),
            Map.entry("getfile", BotApiMethods::getFile),
            Map.entry("answerprecheckoutquery", StarPayments::answerPreCheckoutQuery),
            Map.entry("refundstarpayment", StarPayments::refundStarPayment),
            Map.entry("getmanagedbottoken", (bot, request) -> managedBotToken(bot, request, false)),
            Map.entry(
                "replacemanagedbottoken", (bot, request) -> managedBotToken(bot, request, true)));
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
      Message message = newMessage(bot, chat).withText(finished.text(), finished.entitiesOrNull());
      return deliver(bot, chat, request, replied, message, markup.visible(), markup);
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
      Message message =
          newMessage(bot, chat)
              .withDocument(
                  document,
                  finished.text().isEmpty() ? null : finished.text(),
                  finished.entitiesOrNull());
      return deliver(bot, chat, request, replied, message, markup.visible(), markup);
    }
  }

  /**
   * sendInvoice, for payments in Telegram Stars. Without reply_markup the user sees a Pay button; a
   * keyboard of the bot must start with one.
   */
  private Message sendInvoice(BotState bot, BotApiRequest request) {
    InvoiceRequest invoice = StarPayments.parse(request, json);
    ReplyTarget replyTarget = replyTarget(request);
    Markup markup = replyMarkup(request);
    synchronized (bot) {
      ChatState chat = writableChat(bot, request.arg("chat_id"));
      Message replied = repliedMessage(chat, replyTarget);
      StarPayments.checkWithTelegram(invoice);
      JsonNode keyboard = markup.inlineKeyboard();
      if (keyboard != null && !keyboard.at("/inline_keyboard/0/0/pay").asBoolean(false)) {
        throw BotApiException.badRequest("REPLY_MARKUP_BUY_EMPTY");
      }
      JsonNode shown = keyboard != null ? keyboard : payButton(invoice.totalAmount());
      Message message = newMessage(bot, chat).withInvoice(invoice.invoice());
      Message sent = deliver(bot, chat, request, replied, message, shown, markup);
      bot.payments.invoiceSent(sent.messageId(), invoice);
      return sent;
    }
  }

  private JsonNode payButton(long stars) {
    ObjectNode button = json.createObjectNode().put("text", "Pay ⭐" + stars).put("pay", true);
    ObjectNode keyboard = json.createObjectNode();
    keyboard.putArray("inline_keyboard").addArray().add(button);
    return keyboard;
  }

  /** What the user reads in a message: its text, its caption, or the title and description. */
  private static String visibleText(Message message) {
    if (message.text() != null) {
      return message.text();
    }
    if (message.invoice() != null) {
      return message.invoice().title() + "\n" + message.invoice().description();
    }
    return Objects.requireNonNullElse(message.caption(), "");
  }

  /**
   * forwardMessage and copyMessage between the bot's chats: the content of a text or document
   * message goes to another chat as a new message of the bot; a forward shows who wrote the
   * original (forward_origin), a copy does not and answers only its MessageId. Invoices and payment
   * messages cannot be copied, as on Telegram.
   */
  private Object forwardOrCopy(BotState bot, BotApiRequest request, boolean forward) {
    if (request.arg("from_chat_id").isEmpty()) {
      throw BotApiException.badRequest("chat_id is empty");
    }
    long messageId = messageId(request, "message_id");
    Markup markup = forward ? Markup.NONE : replyMarkup(request);
    synchronized (bot) {
      ChatState source = existingChat(bot, request.arg("from_chat_id"));
      ChatState target = writableChat(bot, request.arg("chat_id"));
      Message original = source.messages.get(messageId);
      if (original == null) {
        throw BotApiException.badRequest("message to forward not found");
      }
      if (original.invoice() != null
          || original.successfulPayment() != null
          || original.refundedPayment() != null) {
        throw BotApiException.badRequest("message can't be " + (forward ? "forwarded" : "copied"));
      }
      if (Boolean.TRUE.equals(original.hasProtectedContent())) {
        throw BotApiException.badRequest("message has protected content and can't be forwarded");
      }
      Message content =
          newMessage(bot, target)
              .withText(original.text(), original.entities())
              .withDocument(original.document(), original.caption(), original.captionEntities());
      if (forward) {
        ObjectNode origin =
            json.createObjectNode().put("type", "user").put("date", original.date());
        origin.set("sender_user", json.valueToTree(original.from()));
        content = content.withForwardOrigin(origin);
      }
      Message sent = deliver(bot, target, request, null, content, markup.visible(), markup);
      return forward ? sent : Map.of("message_id", sent.messageId());
    }
  }

  private static Message newMessage(BotState bot, ChatState chat) {
    return Message.of(bot.nextMessageId(), bot.me, chat.chat, bot.clock.instant().getEpochSecond());
  }

  /**
   * Puts a new message of the bot in the chat and in the transcript, and counts it against
   * Telegram's sending limits.
   *
   * @param visibleMarkup the keyboard the user sees with it, or null
   */
  private static Message deliver(
      BotState bot,
      ChatState chat,
      BotApiRequest request,
      Message replied,
      Message content,
      JsonNode visibleMarkup,
      Markup markup) {
    Message message =
        content.withDelivery(
            replied == null ? null : replied.withoutReply(),
            request.bool("protect_content") ? true : null,
            markup.inlineKeyboard());
    chat.messages.put(message.messageId(), message);
    bot.outbound.messageSent(chat.chat.id(), System.nanoTime(), bot.clock.instant());
    bot.record(
        chat,
        new SentMessage(
            chat.chat.id(),
            message.messageId(),
            false,
            visibleText(message),
            visibleMarkup,
            message.document() == null ? null : message.document().fileName(),
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
        message.edited(
            bot.clock.instant().getEpochSecond(), text, entities, markup.inlineKeyboard());
    chat.messages.put(edited.messageId(), edited);
    bot.record(
        chat,
        new SentMessage(
            chat.chat.id(),
            edited.messageId(),
            true,
            visibleText(edited),
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

  private static Object deleteMessage(BotState bot, BotApiRequest request) {
    String chatId = request.arg("chat_id");
    long messageId = messageId(request, "message_id");
    if (chatId.isEmpty()) {
      throw BotApiException.badRequest("chat identifier is not specified");
    }
    if (messageId == 0) {
      throw BotApiException.badRequest("message identifier is not specified");
    }
    synchronized (bot) {
      ChatState chat = existingChat(bot, chatId);
      Message message = chat.messages.get(messageId);
      if (message == null) {
        throw BotApiException.badRequest("message to delete not found");
      }
      checkDeletable(bot, message);
      bot.delete(chat, messageId);
    }
    return true;
  }

  /**
   * deleteMessages: messages that are not found are skipped, and nothing is deleted when one of the
   * others may not be.
   */
  private Object deleteMessages(BotState bot, BotApiRequest request) {
    List<Long> messageIds = messageIds(request);
    synchronized (bot) {
      ChatState chat = existingChat(bot, request.arg("chat_id"));
      List<Message> found =
          messageIds.stream().map(chat.messages::get).filter(Objects::nonNull).toList();
      for (Message message : found) {
        checkDeletable(bot, message);
      }
      for (Message message : found) {
        bot.delete(chat, message.messageId());
      }
    }
    return true;
  }

  /**
   * In a private chat a bot may delete its own messages and the user's, for everyone, within 48
   * hours of sending.
   */
  private static void checkDeletable(BotState bot, Message message) {
    long age = bot.clock.instant().getEpochSecond() - message.date();
    if (age > DELETE_WINDOW.toSeconds()) {
      throw BotApiException.badRequest("message can't be deleted for everyone");
    }
  }

  private List<Long> messageIds(BotApiRequest request) {
    String value = request.arg("message_ids");
    if (value.isEmpty()) {
      throw BotApiException.badRequest("message identifiers are not specified");
    }
    JsonNode ids;
    try {
      ids = json.readTree(value);
    } catch (IOException e) {
      throw BotApiException.badRequest("can't parse message_ids JSON object");
    }
    if (ids == null || !ids.isArray()) {
      throw BotApiException.badRequest("expected an Array of message identifiers");
    }
    if (ids.size() > MAX_DELETED_AT_ONCE) {
      throw BotApiException.badRequest("too many message identifiers specified");
    }
    List<Long> parsed = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isNumber() && !id.isTextual()) {
        throw BotApiException.badRequest("message identifier must be a Number");
      }
      long messageId;
      try {
        messageId = Integer.parseInt(id.asText().strip());
      } catch (NumberFormatException e) {
        throw BotApiException.badRequest("can't parse message identifier as a Number");
      }
      if (messageId <= 0) {
        throw BotApiException.badRequest("invalid message identifier specified");
      }
      parsed.add(messageId);
    }
    if (parsed.isEmpty()) {
      throw BotApiException.badRequest("message identifiers are not specified");
    }
    return parsed;
  }

  /** getFile: a file_id of this bot, up to 20 MB, gets a file_path to download it from. */
  private static File getFile(BotState bot, BotApiRequest request) {
    String fileId = request.arg("file_id");
    if (fileId.isEmpty()) {
      throw BotApiException.badRequest("file_id not specified");
    }
    synchronized (bot) {
      StoredFile file = bot.files.get(fileId);
      if (file == null) {
        throw BotApiException.badRequest("invalid file_id");
      }
      if (file.content().length > BotFiles.MAX_DOWNLOAD_BYTES) {
        throw BotApiException.badRequest("file is too big");
      }
      Document document = file.document();
      return new File(
          document.fileId(),
          document.fileUniqueId(),
          document.fileSize(),
          bot.files.pathOf(fileId));
    }
  }

  /**
   * getManagedBotToken and replaceManagedBotToken. The manager knows the users who wrote to it and
   * the bots it manages; TDLib says which of the others it does not know.
   */
  private String managedBotToken(BotState manager, BotApiRequest request, boolean replace) {
    long userId = Math.max(BotApiRequest.leadingInteger(request.arg("user_id")), 0);
    if (userId == 0) {
      throw BotApiException.badRequest("invalid user_id specified");
    }
    synchronized (manager) {
      if (!manager.managedBotIds.contains(userId)) {
        throw BotApiException.badRequest(
            manager.chats.containsKey(userId) ? "user is not a bot" : "user not found");
      }
    }
    BotState managed = directory.botById(userId);
    return replace ? directory.replaceToken(managed) : directory.tokenOf(managed);
  }

  /** A chat the bot may post to: one whose user wrote to the bot and did not block it. */
  private static ChatState writableChat(BotState bot, String chatId) {
    ChatState chat = existingChat(bot, chatId);
    if (chat.blocked) {
      throw BotApiException.of(403, "Forbidden: bot was blocked by the user");
    }
    return chat;
  }

  static ChatState existingChat(BotState bot, String chatId) {
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
    return bot.files.store(
        fileName, mimeType, upload.content(), (long) upload.content().length, true);
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
    return bot.files.store(fileName, mimeTypeOf(fileName, null), new byte[0], null, true);
  }

  /** Telegram derives the MIME type from the file name, not from the uploaded part's header. */
  static String mimeTypeOf(String fileName, String declaredType) {
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

  static String randomBase64Url(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
  }
}
