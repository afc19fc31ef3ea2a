package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.testkit.telegram.BotApiRequest.UploadedFile;
import io.flotilla.testkit.telegram.BotApiTypes.BotCommand;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import io.flotilla.testkit.telegram.BotApiTypes.ChatMember;
import io.flotilla.testkit.telegram.BotApiTypes.ChatMemberUpdated;
import io.flotilla.testkit.telegram.BotApiTypes.Document;
import io.flotilla.testkit.telegram.BotApiTypes.ManagedBotUpdated;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import io.flotilla.testkit.telegram.BotApiTypes.PreCheckoutQuery;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.flotilla.testkit.telegram.BotApiTypes.User;
import io.flotilla.testkit.telegram.BotState.ChatState;
import io.flotilla.testkit.telegram.StarPayments.InvoiceRequest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * An in-process Telegram Bot API server for tests. Bots call {@code baseUrl() + "/bot" + token +
 * "/" + method} exactly as they call https://api.telegram.org; tests play the users' side with the
 * {@code user...} methods and inspect what bots did with {@link #messagesTo}, {@link
 * #visibleMessages}, {@link #callbackAnswers} and {@link #requestCount}.
 *
 * <p>Methods: getMe, getUpdates (long polling, offsets, 409 for a second poller), setWebhook,
 * deleteWebhook, getWebhookInfo, sendMessage, sendDocument, sendInvoice (Telegram Stars only),
 * editMessageText, editMessageReplyMarkup, deleteMessage, deleteMessages, answerCallbackQuery,
 * sendChatAction, setMyCommands, getMyCommands, deleteMyCommands, getFile and downloads at {@code
 * /file/bot<token>/<file_path>}, answerPreCheckoutQuery, refundStarPayment, getManagedBotToken and
 * replaceManagedBotToken. Chats are the private chats users open by writing to a bot.
 *
 * <p>Users write text, send documents, press inline buttons by callback_data or by the label they
 * read ({@link #userPressesButtonLabelled}), block the bot, pay invoices in Stars ({@link
 * #userPaysInvoice}) and create bots for a manager bot ({@link #userCreatesManagedBot}). Updates
 * can be delivered twice with {@link #redeliverUpdate}, to webhooks and to polling bots alike.
 *
 * <p>Behaviour follows the real server (tdlib/telegram-bot-api, TDLib, and Telegram's errors where
 * they are documented), parameters checked in the server's order, including its less known rules:
 * getUpdates with the same offset within 3 seconds waits at least 3 seconds and, within 0.5
 * seconds, returns at most one update; at most one 409 conflict per 3 seconds is answered at once;
 * setWebhook with a URL answers 429 when called again within a second; an edit without reply_markup
 * removes the inline keyboard; messages can be deleted for 48 hours; a pre-checkout query must be
 * answered within 10 seconds; getFile refuses files above 20 MB; the command list a user sees is
 * resolved by scope and language as documented. {@link #advanceClock} moves the emulator's clock
 * for the time rules. Messages that break Telegram's sending limits are answered as usual and
 * recorded ({@link #limitBreaches}). Unlike Telegram, webhooks may use http and any port.
 */
public final class TelegramBotApiEmulator implements AutoCloseable {
  private static final Pattern BOT_PATH = Pattern.compile("/bot([^/]*)/(.*)");
  private static final Pattern FILE_PATH = Pattern.compile("/file/bot([^/]*)/(.+)");
  private static final Pattern WELL_FORMED_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
  private static final Pattern BOT_USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{1,28}(?i:bot)");
  private static final int MAX_PARAMETER_BYTES = 1 << 20;
  private static final int MAX_BOT_NAME_LENGTH = 64;
  private static final Duration VERTX_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final ObjectMapper json = newJsonMapper();
  private final WebhookClient webhookClient;
  private final HttpServer server;
  private final Map<String, BotState> botsByToken = new ConcurrentHashMap<>();
  private final Map<Long, BotState> botsById = new ConcurrentHashMap<>();
  private final Map<Long, String> tokensByBotId = new ConcurrentHashMap<>();
  private final BotApiMethods methods = new BotApiMethods(json, new Directory());
  private final AtomicLong clockOffsetMillis = new AtomicLong();
  private final InstantSource clock = () -> Instant.now().plusMillis(clockOffsetMillis.get());
  private final AtomicLong transcriptVersion = new AtomicLong();
  private final Object transcriptSignal = new Object();
  private final List<BiConsumer<BotHandle, SentMessage>> messageListeners =
      new CopyOnWriteArrayList<>();
  private int port;

  private TelegramBotApiEmulator(Vertx vertx) {
    this.vertx = vertx;
    this.webhookClient = new WebhookClient(vertx, json);
    // Vert.x limits form fields to a few KB by default; Bot API parameters are much longer.
    this.server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setMaxFormAttributeSize(MAX_PARAMETER_BYTES)
                .setMaxFormBufferedBytes(MAX_PARAMETER_BYTES)
                .setHandle100ContinueAutomatically(true));
    server.requestHandler(this::handle);
  }

  /** Starts an emulator on 127.0.0.1; port 0 picks a free port. */
  public static TelegramBotApiEmulator start(int port) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
    TelegramBotApiEmulator emulator = new TelegramBotApiEmulator(vertx);
    try {
      emulator.port = join(emulator.server.listen(port, "127.0.0.1").map(HttpServer::actualPort));
      return emulator;
    } catch (RuntimeException e) {
      emulator.close();
      throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
    }
  }

  /** "http://127.0.0.1:PORT", to use where a bot would use "https://api.telegram.org". */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    webhookClient.close();
    join(vertx.close());
  }

  /** Registers a bot with a random id; usernames must end in "bot", as on Telegram. */
  public BotHandle registerBot(String username) {
    return registerWithRandomId(username, username);
  }

  public BotHandle registerBot(long botId, String username) {
    BotHandle registered = tryRegister(botId, username, username);
    if (registered == null) {
      throw new IllegalArgumentException("a bot with id " + botId + " is already registered");
    }
    return registered;
  }

  private BotHandle registerWithRandomId(String username, String firstName) {
    BotHandle registered = null;
    while (registered == null) {
      registered =
          tryRegister(
              ThreadLocalRandom.current().nextLong(10_000_000L, 10_000_000_000L),
              username,
              firstName);
    }
    return registered;
  }

  /** Registers the bot, or returns null when the id is taken. */
  private BotHandle tryRegister(long botId, String username, String firstName) {
    if (botId <= 0) {
      throw new IllegalArgumentException("bot ids are positive: " + botId);
    }
    if (!BOT_USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "bot usernames have 5 to 32 letters, digits and underscores and end in \"bot\": "
              + username);
    }
    String token = newToken(botId);
    BotHandle handle = new BotHandle(botId, username, firstName, token);
    BotState bot =
        new BotState(
            handle,
            vertx,
            json,
            clock,
            webhookClient,
            this::runWebhookAnswer,
            this::transcriptChanged,
            sent -> messageListeners.forEach(listener -> listener.accept(handle, sent)));
    if (botsById.putIfAbsent(botId, bot) != null) {
      return null;
    }
    tokensByBotId.put(botId, token);
    botsByToken.put(token, bot);
    return handle;
  }

  private static String newToken(long botId) {
    return botId + ":" + BotApiMethods.randomBase64Url(35);
  }

  /** Every later call with the token, and a long poll waiting now, gets 401 Unauthorized. */
  public void revoke(String token) {
    bot(token).revoke();
  }

  /** The next {@code times} calls of the bot, of any method, get 429 with this retry_after. */
  public void injectTooManyRequests(String token, int retryAfterSeconds, int times) {
    bot(token).injectTooManyRequests(null, retryAfterSeconds, times);
  }

  /** The next {@code times} calls of this method get 429 with this retry_after. */
  public void injectTooManyRequests(String token, String method, int retryAfterSeconds, int times) {
    bot(token).injectTooManyRequests(method, retryAfterSeconds, times);
  }

  /** How many calls of the method, in any letter case, reached the emulator with this token. */
  public int requestCount(String token, String method) {
    return bot(token).requestCount(method);
  }

  /**
   * The user writes to the bot, which opens the private chat (chat id = user id) the bot may then
   * write to. Commands get a bot_command entity and links a url entity, as in real messages.
   */
  public Message userSendsText(String token, TelegramUser user, String text) {
    BotState bot = bot(token);
    FormattedText content = typedByUser(text, FormattedText.MAX_TEXT_LENGTH);
    synchronized (bot) {
      ChatState chat = chatOpenedBy(bot, user);
      Message message =
          Message.of(bot.nextMessageId(), User.human(user), chat.chat, now().getEpochSecond())
              .withText(content.text(), content.entitiesOrNull());
      return receive(bot, chat, message);
    }
  }

  /**
   * The user answers a message of the bot in their chat with Telegram's "Reply": the bot gets the
   * text with reply_to_message set to the message answered.
   */
  public Message userRepliesTo(String token, TelegramUser user, long messageId, String text) {
    BotState bot = bot(token);
    FormattedText content = typedByUser(text, FormattedText.MAX_TEXT_LENGTH);
    synchronized (bot) {
      ChatState chat = chatOpenedBy(bot, user);
      Message replied = chat.messages.get(messageId);
      if (replied == null) {
        throw new IllegalArgumentException(
            "user " + user.id() + " sees no message " + messageId + " to reply to");
      }
      Message message =
          Message.of(bot.nextMessageId(), User.human(user), chat.chat, now().getEpochSecond())
              .withText(content.text(), content.entitiesOrNull())
              .replyingTo(replied);
      return receive(bot, chat, message);
    }
  }

  /**
   * The user sends the bot a file as a document, as a Telegram app does: the bot gets a message
   * with a Document (file name, MIME type from the name, size, a file_id for this bot) and the
   * caption, and can download the file with getFile.
   *
   * @param caption the caption, or null for none
   */
  public Message userSendsDocument(
      String token, TelegramUser user, String fileName, byte[] content, String caption) {
    if (content.length == 0) {
      throw new IllegalArgumentException("Telegram apps cannot send empty files");
    }
    BotState bot = bot(token);
    FormattedText captionText =
        caption == null || caption.isBlank()
            ? FormattedText.plain("")
            : typedByUser(caption, FormattedText.MAX_CAPTION_LENGTH);
    synchronized (bot) {
      ChatState chat = chatOpenedBy(bot, user);
      Document document =
          bot.files.store(
              fileName,
              BotApiMethods.mimeTypeOf(fileName, null),
              content,
              (long) content.length,
              false);
      Message message =
          Message.of(bot.nextMessageId(), User.human(user), chat.chat, now().getEpochSecond())
              .withDocument(
                  document,
                  captionText.text().isEmpty() ? null : captionText.text(),
                  captionText.entitiesOrNull());
      return receive(bot, chat, message);
    }
  }

  /** Text as a Telegram app sends it: trimmed, with command and link entities detected. */
  private static FormattedText typedByUser(String text, int maxLength) {
    try {
      return FormattedText.plain(text).finish(maxLength, "too long");
    } catch (BotApiException e) {
      throw new IllegalArgumentException("Telegram apps cannot send this text: " + e.description());
    }
  }

  /** Writing to a bot opens the private chat, and unblocks the bot if the user had blocked it. */
  private ChatState chatOpenedBy(BotState bot, TelegramUser user) {
    ChatState chat = bot.chatWith(user);
    if (chat.blocked) {
      chat.blocked = false;
      addMembershipChange(bot, chat, "kicked", "member");
    }
    return chat;
  }

  private static Message receive(BotState bot, ChatState chat, Message message) {
    chat.messages.put(message.messageId(), message);
    bot.updates.add("message", id -> Update.ofMessage(id, message));
    return message;
  }

  /**
   * The user presses an inline button of a message the bot sent them, which the bot receives as a
   * callback_query update. The message must currently show a button with this callback_data.
   */
  public CallbackQuery userPressesButton(
      String token, TelegramUser user, long messageId, String callbackData) {
    BotState bot = bot(token);
    synchronized (bot) {
      ChatState chat = bot.chats.get(user.id());
      Message message = chat == null ? null : chat.messages.get(messageId);
      if (message == null || !message.from().isBot()) {
        throw new IllegalArgumentException(
            "user " + user.id() + " has no message " + messageId + " from the bot");
      }
      if (!hasCallbackButton(message.replyMarkup(), callbackData)) {
        throw new IllegalArgumentException(
            "message %d has no inline button with callback_data \"%s\": %s"
                .formatted(messageId, callbackData, message.replyMarkup()));
      }
      return press(bot, chat, message, callbackData);
    }
  }

  /**
   * A modified client sends a callback_query with any data for a message of the bot, whatever its
   * buttons say: Telegram passes callback data through unchecked (up to 64 bytes), so bots must
   * treat it as untrusted. Data over 64 bytes is refused as Telegram's clients refuse it.
   */
  public CallbackQuery userSendsForgedCallback(
      String token, TelegramUser user, long messageId, String callbackData) {
    if (callbackData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
      throw new IllegalArgumentException("Telegram carries at most 64 bytes of callback_data");
    }
    BotState bot = bot(token);
    synchronized (bot) {
      ChatState chat = bot.chats.get(user.id());
      Message message = chat == null ? null : chat.messages.get(messageId);
      if (message == null || !message.from().isBot()) {
        throw new IllegalArgumentException(
            "user " + user.id() + " has no message " + messageId + " from the bot");
      }
      return press(bot, chat, message, callbackData);
    }
  }

  /**
   * The user presses the inline button labelled exactly so, on the latest message of the bot in
   * their private chat that shows one, as a person reading the chat would. Fails with the buttons
   * the user sees when there is none, or when it is not a callback button (see {@link #buttonUrl}
   * and {@link #userPaysInvoice} for the others).
   */
  public CallbackQuery userPressesButtonLabelled(String token, TelegramUser user, String label) {
    BotState bot = bot(token);
    synchronized (bot) {
      ChatState chat = bot.chats.get(user.id());
      for (SentMessage shown : bot.shown(user.id()).reversed()) {
        for (InlineButton button : shown.buttons()) {
          if (!button.label().equals(label)) {
            continue;
          }
          if (button.callbackData() == null) {
            throw new IllegalArgumentException(
                "the button %s of message %d sends nothing to the bot"
                    .formatted(button, shown.messageId()));
          }
          return press(bot, chat, chat.messages.get(shown.messageId()), button.callbackData());
        }
      }
      throw new IllegalArgumentException(
          "user %d sees no inline button labelled \"%s\"; the buttons they see:%s"
              .formatted(user.id(), label, buttonLines(bot.shown(user.id()))));
    }
  }

  private static CallbackQuery press(
      BotState bot, ChatState chat, Message message, String callbackData) {
    String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 60, Long.MAX_VALUE));
    CallbackQuery query =
        new CallbackQuery(id, User.human(chat.user), message, chat.chatInstance, callbackData);
    bot.callbackQueries.put(id, query);
    bot.updates.add("callback_query", updateId -> Update.ofCallbackQuery(updateId, query));
    return query;
  }

  /**
   * The link of the URL button labelled exactly so on the latest message of the bot in the chat
   * that shows one.
   */
  public String buttonUrl(String token, long chatId, String label) {
    List<SentMessage> shown = bot(token).shown(chatId);
    return shown.reversed().stream()
        .flatMap(message -> message.buttons().stream())
        .filter(button -> button.label().equals(label) && button.url() != null)
        .map(InlineButton::url)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "chat %d shows no URL button labelled \"%s\"; the buttons shown:%s"
                        .formatted(chatId, label, buttonLines(shown))));
  }

  /** The inline buttons of a message as the chat shows it now, row by row. */
  public List<InlineButton> buttonsOf(String token, long chatId, long messageId) {
    return bot(token).shown(chatId).stream()
        .filter(message -> message.messageId() == messageId)
        .findFirst()
        .map(SentMessage::buttons)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "chat %d shows no message %d of the bot".formatted(chatId, messageId)));
  }

  /**
   * The bot's messages the user sees now: each in its latest version, without deleted ones, in the
   * order they were sent.
   */
  public List<SentMessage> visibleMessages(String token, long chatId) {
    return bot(token).shown(chatId);
  }

  /** The latest message of the bot that the chat still shows, in its current version. */
  public SentMessage lastMessageTo(String token, long chatId) {
    List<SentMessage> shown = bot(token).shown(chatId);
    if (shown.isEmpty()) {
      throw new AssertionError("the bot shows no message in chat " + chatId);
    }
    return shown.getLast();
  }

  private static String buttonLines(List<SentMessage> shown) {
    return numberedLines(
        shown.stream()
            .filter(message -> !message.buttons().isEmpty())
            .map(
                message ->
                    "#"
                        + message.messageId()
                        + " "
                        + message.buttons().stream()
                            .map(InlineButton::toString)
                            .collect(Collectors.joining(" ")))
            .toList());
  }

  /**
   * The user blocks the bot: the bot gets a my_chat_member update and 403 "Forbidden: bot was
   * blocked by the user" when it writes to them, until the user writes again.
   */
  public void userBlocksBot(String token, TelegramUser user) {
    BotState bot = bot(token);
    synchronized (bot) {
      ChatState chat = bot.chats.get(user.id());
      if (chat == null) {
        throw new IllegalArgumentException("user " + user.id() + " never talked to the bot");
      }
      if (!chat.blocked) {
        chat.blocked = true;
        addMembershipChange(bot, chat, "member", "kicked");
      }
    }
  }

  /** Every update created for the bot so far, delivered or not, oldest first. */
  public List<Update> updatesCreated(String token) {
    return bot(token).updates.created();
  }

  /**
   * Delivers an update once more with the same update_id, to test that bots handle updates at least
   * once. A webhook receives it again, as when Telegram got no 2xx answer in time; a bot that polls
   * gets it in its next getUpdates answer whatever its offset, as when the confirmation of that
   * update was lost.
   */
  public void redeliverUpdate(String token, long updateId) {
    bot(token).updates.redeliver(updateId);
  }

  /**
   * Tells the listener every message or edit any bot makes, as it happens, on the emulator's own
   * threads (hand work off; do not block). For load generators that follow thousands of chats
   * without polling each one.
   */
  public void onBotMessage(BiConsumer<BotHandle, SentMessage> listener) {
    messageListeners.add(listener);
  }

  /**
   * What the bot sent to or edited in the chat, in order; empty for an unknown chat. Deleted
   * messages stay in this history; {@link #visibleMessages} shows what the user sees now.
   */
  public List<SentMessage> messagesTo(String token, long chatId) {
    return bot(token).transcript(chatId);
  }

  /**
   * Waits for a message or edit in the chat (including ones already there) that matches the
   * condition; fails with the chat's transcript when none arrives in time.
   */
  public SentMessage awaitMessage(
      String token, long chatId, Predicate<SentMessage> condition, Duration timeout) {
    BotState bot = bot(token);
    return await(
        () -> bot.transcript(chatId).stream().filter(condition).findFirst(),
        timeout,
        () ->
            "no matching message from the bot in chat %d within %s; the bot sent:%s"
                .formatted(chatId, timeout, numberedLines(bot.transcript(chatId))));
  }

  /** The bot's answers to callback queries, in order. */
  public List<CallbackAnswer> callbackAnswers(String token) {
    return bot(token).callbackAnswers();
  }

  public CallbackAnswer awaitCallbackAnswer(
      String token, String callbackQueryId, Duration timeout) {
    BotState bot = bot(token);
    return await(
        () ->
            bot.callbackAnswers().stream()
                .filter(answer -> answer.callbackQueryId().equals(callbackQueryId))
                .findFirst(),
        timeout,
        () ->
            "no answer to callback query %s within %s; answers:%s"
                .formatted(callbackQueryId, timeout, numberedLines(bot.callbackAnswers())));
  }

  /** The content of a file the bot uploaded, by file_id. */
  public byte[] fileContent(String token, String fileId) {
    BotState bot = bot(token);
    synchronized (bot) {
      BotFiles.StoredFile file = bot.files.get(fileId);
      if (file == null) {
        throw new IllegalArgumentException("the bot has no file " + fileId);
      }
      return file.content().clone();
    }
  }

  /**
   * The user taps the Pay button of an invoice the bot sent them and confirms: the bot gets a
   * pre_checkout_query, which it must answer within 10 seconds of the emulator's clock. When it
   * answers ok, the user is charged and the bot gets a successful_payment message.
   */
  public PreCheckoutQuery userPaysInvoice(String token, TelegramUser user, long messageId) {
    BotState bot = bot(token);
    synchronized (bot) {
      ChatState chat = bot.chats.get(user.id());
      Message message = chat == null ? null : chat.messages.get(messageId);
      InvoiceRequest invoice = bot.payments.invoiceOf(messageId);
      if (message == null || invoice == null) {
        throw new IllegalArgumentException(
            "user %d sees no invoice %d of the bot".formatted(user.id(), messageId));
      }
      return bot.payments.startCheckout(bot, chat, invoice, now());
    }
  }

  /** The bot's answer to a pre-checkout query; empty while it has not answered in time. */
  public Optional<PreCheckoutAnswer> preCheckoutAnswer(String token, String preCheckoutQueryId) {
    BotState bot = bot(token);
    synchronized (bot) {
      return bot.payments.answerTo(preCheckoutQueryId);
    }
  }

  public PreCheckoutAnswer awaitPreCheckoutAnswer(
      String token, String preCheckoutQueryId, Duration timeout) {
    return await(
        () -> preCheckoutAnswer(token, preCheckoutQueryId),
        timeout,
        () ->
            "no answer to pre-checkout query %s within %s".formatted(preCheckoutQueryId, timeout));
  }

  /** The Stars payments users made to the bot, oldest first, with their refunds. */
  public List<StarPayment> starPayments(String token) {
    BotState bot = bot(token);
    synchronized (bot) {
      return bot.payments.payments();
    }
  }

  /**
   * The command list the user sees in the menu of their private chat with the bot, resolved as
   * Telegram documents it: the chat's list, then the one for all private chats, then the default,
   * each first in the user's language and then for all languages.
   */
  public List<BotCommand> commandsSeenBy(String token, TelegramUser user) {
    BotState bot = bot(token);
    synchronized (bot) {
      return bot.commands.seenInPrivateChat(user.id(), user.languageCode());
    }
  }

  /** How many messages the bot sent (edits not counted). */
  public int sentMessageCount(String token) {
    return bot(token).outbound.sent();
  }

  public int sentMessageCount(String token, long chatId) {
    return bot(token).outbound.sentTo(chatId);
  }

  /**
   * Each message of the bot that broke one of Telegram's limits: more than one message per second
   * to a private chat beyond a burst of 3, more than 20 per minute to a group, more than 30 per
   * second in all. The emulator answers such messages as usual; Telegram would answer 429. The
   * first 10,000 breaches and bursts of a bot are kept; {@link #unrecordedLimitBreaches} counts the
   * rest.
   */
  public List<LimitBreach> limitBreaches(String token) {
    return bot(token).outbound.breaches();
  }

  /** Bursts of 2 or 3 messages within a second to one private chat, which Telegram lets pass. */
  public List<LimitBreach> toleratedBursts(String token) {
    return bot(token).outbound.toleratedBursts();
  }

  /** Breaches and bursts of the bot beyond the 10,000 kept. */
  public int unrecordedLimitBreaches(String token) {
    return bot(token).outbound.unrecorded();
  }

  /**
   * Switches on Bot Management Mode, as in BotFather: getMe reports can_manage_bots and users may
   * create bots for this bot to manage.
   */
  public void enableBotManagement(String token) {
    BotState bot = bot(token);
    synchronized (bot) {
      bot.canManageBots = true;
    }
  }

  /**
   * The user creates a bot managed by the manager bot, through the manager's link
   * t.me/newbot/{manager}/{username}: the new bot is registered and can call the API with the token
   * the manager gets from getManagedBotToken, and the manager receives a managed_bot update.
   *
   * @param name the display name, 1 to 64 characters
   * @param username 5 to 32 characters ending in "bot", not taken by another bot
   */
  public BotHandle userCreatesManagedBot(
      String managerToken, TelegramUser user, String name, String username) {
    BotState manager = bot(managerToken);
    synchronized (manager) {
      if (!manager.canManageBots) {
        throw new IllegalStateException(
            "the manager bot has no Bot Management Mode (MANAGER_PERMISSION_MISSING)");
      }
    }
    if (name.isBlank() || name.codePointCount(0, name.length()) > MAX_BOT_NAME_LENGTH) {
      throw new IllegalArgumentException("bot names have 1 to 64 characters (NAME_INVALID)");
    }
    synchronized (botsById) {
      boolean taken =
          botsById.values().stream()
              .anyMatch(other -> other.handle.username().equalsIgnoreCase(username));
      if (taken) {
        throw new IllegalArgumentException(
            "the username " + username + " is taken (USERNAME_OCCUPIED)");
      }
      BotHandle created = registerWithRandomId(username, name);
      synchronized (manager) {
        manager.managedBotIds.add(created.id());
        ManagedBotUpdated managed =
            new ManagedBotUpdated(
                User.human(user), User.bot(created.id(), name, created.username()));
        manager.updates.add("managed_bot", id -> Update.ofManagedBot(id, managed));
      }
      return created;
    }
  }

  /** The bot's current token, which changes when its manager replaces it. */
  public String currentToken(long botId) {
    String token = tokensByBotId.get(botId);
    if (token == null) {
      throw new IllegalArgumentException("no bot has the id " + botId);
    }
    return token;
  }

  /**
   * Moves the emulator's wall clock forward, as if that much time had passed: message dates, the
   * 48-hour window of deleteMessage and the 10-second deadline of pre-checkout queries follow it.
   * Long polls, webhook retries and the sending-limit windows keep real time.
   */
  public void advanceClock(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    clockOffsetMillis.addAndGet(duration.toMillis());
  }

  private Instant now() {
    return clock.instant();
  }

  private BotState bot(String token) {
    BotState bot = botsByToken.get(token);
    if (bot == null) {
      throw new IllegalArgumentException("no bot has the token " + token);
    }
    return bot;
  }

  private static void addMembershipChange(
      BotState bot, ChatState chat, String oldStatus, String newStatus) {
    ChatMemberUpdated change =
        new ChatMemberUpdated(
            chat.chat,
            User.human(chat.user),
            bot.clock.instant().getEpochSecond(),
            new ChatMember(oldStatus, bot.me, oldStatus.equals("kicked") ? 0L : null),
            new ChatMember(newStatus, bot.me, newStatus.equals("kicked") ? 0L : null));
    bot.updates.add("my_chat_member", id -> Update.ofMyChatMember(id, change));
  }

  private static boolean hasCallbackButton(JsonNode markup, String callbackData) {
    return markup != null
        && StreamSupport.stream(markup.path("inline_keyboard").spliterator(), false)
            .flatMap(row -> StreamSupport.stream(row.spliterator(), false))
            .anyMatch(button -> callbackData.equals(button.path("callback_data").asText(null)));
  }

  private void transcriptChanged() {
    transcriptVersion.incrementAndGet();
    synchronized (transcriptSignal) {
      transcriptSignal.notifyAll();
    }
  }

  private <T> T await(Supplier<Optional<T>> probe, Duration timeout, Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seenVersion = transcriptVersion.get();
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      long remainingNanos = deadline - System.nanoTime();
      if (remainingNanos <= 0) {
        throw new AssertionError(failure.get());
      }
      synchronized (transcriptSignal) {
        if (transcriptVersion.get() == seenVersion) {
          try {
            transcriptSignal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
          }
        }
      }
    }
  }

  private static String numberedLines(List<?> items) {
    return items.isEmpty()
        ? " nothing"
        : items.stream().map(item -> "\n  " + item).collect(Collectors.joining());
  }

  private static ObjectMapper newJsonMapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  private static <T> T join(io.vertx.core.Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(VERTX_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets managed-bot methods reach the bots and tokens of this emulator. */
  private final class Directory implements BotApiMethods.BotDirectory {
    @Override
    public BotState botById(long botId) {
      return botsById.get(botId);
    }

    @Override
    public String tokenOf(BotState bot) {
      return tokensByBotId.get(bot.handle.id());
    }

    @Override
    public String replaceToken(BotState bot) {
      long botId = bot.handle.id();
      String fresh = newToken(botId);
      synchronized (botsById) {
        botsByToken.remove(tokensByBotId.get(botId));
        botsByToken.put(fresh, bot);
        tokensByBotId.put(botId, fresh);
      }
      bot.updates.tokenReplaced();
      return fresh;
    }
  }

  // ---- HTTP side: parameters are read from the query string and from any of the body formats.

  private void handle(HttpServerRequest request) {
    Matcher file = FILE_PATH.matcher(request.path());
    if (file.matches()) {
      serveFile(request, file.group(1), file.group(2));
      return;
    }
    HttpResponder responder = new HttpResponder(request, Vertx.currentContext());
    Map<String, String> args = new LinkedHashMap<>();
    request.params().forEach(entry -> args.put(entry.getKey(), entry.getValue()));
    String contentType =
        Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
    if (contentType.startsWith("multipart/form-data")
        || contentType.startsWith("application/x-www-form-urlencoded")) {
      Map<String, UploadedFile> files = new ConcurrentHashMap<>();
      request.setExpectMultipart(true);
      request.uploadHandler(
          upload -> {
            Buffer content = Buffer.buffer();
            upload.handler(content::appendBuffer);
            upload.endHandler(
                done ->
                    files.put(
                        upload.name(),
                        new UploadedFile(
                            upload.filename(), upload.contentType(), content.getBytes())));
          });
      request.endHandler(
          done -> {
            request.formAttributes().forEach(entry -> args.put(entry.getKey(), entry.getValue()));
            route(request, new BotApiRequest(args, files), responder);
          });
    } else {
      request
          .body()
          .onSuccess(
              body -> {
                if (contentType.startsWith("application/json") && body.length() > 0) {
                  try {
                    args.putAll(jsonArguments(json.readTree(body.getBytes())));
                  } catch (IOException e) {
                    responder.fail(BotApiException.badRequest("can't parse JSON object"));
                    return;
                  }
                }
                route(request, new BotApiRequest(args, Map.of()), responder);
              });
    }
  }

  /**
   * Downloads at {@code /file/bot<token>/<file_path>}, as on api.telegram.org: the bytes of a file
   * the bot got a file_path for with getFile, or 404 for anything else, a wrong token included.
   */
  private void serveFile(HttpServerRequest request, String token, String path) {
    BotState bot = botsByToken.get(token);
    byte[] content = null;
    if (bot != null && !bot.revoked()) {
      synchronized (bot) {
        content = bot.files.contentAt(path);
      }
    }
    HttpServerResponse response = request.response();
    if (content == null) {
      response
          .setStatusCode(404)
          .putHeader("Content-Type", "application/json")
          .end("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
      return;
    }
    response
        .setStatusCode(200)
        .putHeader("Content-Type", "application/octet-stream")
        .end(Buffer.buffer(content));
  }

  /** Top-level JSON fields as parameters: strings as they are, other values as JSON text. */
  private static Map<String, String> jsonArguments(JsonNode body) {
    Map<String, String> args = new LinkedHashMap<>();
    if (body != null && body.isObject()) {
      body.properties()
          .forEach(
              field -> {
                JsonNode value = field.getValue();
                if (!value.isNull()) {
                  args.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
                }
              });
    }
    return args;
  }

  private void route(HttpServerRequest request, BotApiRequest apiRequest, HttpResponder responder) {
    Matcher path = BOT_PATH.matcher(request.path());
    if (!path.matches() || !WELL_FORMED_TOKEN.matcher(path.group(1)).matches()) {
      responder.fail(BotApiException.notFound());
      return;
    }
    BotState bot = botsByToken.get(path.group(1));
    String method = path.group(2).isEmpty() ? apiRequest.arg("method") : path.group(2);
    if (bot != null) {
      bot.countRequest(method);
    }
    if (bot == null || bot.revoked()) {
      responder.fail(BotApiException.unauthorized());
      return;
    }
    String name = method.toLowerCase(Locale.ROOT);
    if (!methods.exists(name)) {
      responder.fail(BotApiException.notFound());
      return;
    }
    int retryAfter = bot.takeInjectedFailure(name);
    if (retryAfter > 0) {
      responder.fail(BotApiException.tooManyRequests(retryAfter));
      return;
    }
    if (name.equals(BotApiMethods.GET_UPDATES)) {
      request.response().closeHandler(closed -> bot.updates.abandon(responder));
      bot.updates.getUpdates(apiRequest, responder);
      return;
    }
    try {
      responder.succeed(methods.call(bot, name, apiRequest));
    } catch (BotApiException e) {
      responder.fail(e);
    } catch (RuntimeException e) {
      responder.fail(BotApiException.of(500, "Internal Server Error: " + e));
    }
  }

  /**
   * Runs a method call a webhook answered with; Telegram gives the bot no way to see its result.
   */
  private void runWebhookAnswer(BotState bot, JsonNode call) {
    Map<String, String> args = jsonArguments(call);
    String name = args.get("method").toLowerCase(Locale.ROOT);
    bot.countRequest(name);
    if (bot.revoked() || !methods.exists(name) || name.equals(BotApiMethods.GET_UPDATES)) {
      return;
    }
    try {
      methods.call(bot, name, new BotApiRequest(args, Map.of()));
    } catch (BotApiException ignored) {
      // The answer to a webhook request is not reported anywhere, errors included.
    }
  }

  /** Answers one HTTP request on the request's own event loop, once. */
  private final class HttpResponder implements BotUpdates.Responder {
    private final HttpServerRequest request;
    private final Context context;
    private final AtomicBoolean answered = new AtomicBoolean();

    HttpResponder(HttpServerRequest request, Context context) {
      this.request = request;
      this.context = context;
    }

    @Override
    public void succeed(Object result) {
      ObjectNode body = json.createObjectNode().put("ok", true);
      if (result instanceof BotApiMethods.Described described) {
        body.set("result", json.valueToTree(described.result()));
        body.put("description", described.description());
      } else {
        body.set("result", json.valueToTree(result));
      }
      send(200, body, 0);
    }

    @Override
    public void fail(BotApiException error) {
      ObjectNode body =
          json.createObjectNode()
              .put("ok", false)
              .put("error_code", error.errorCode())
              .put("description", error.description());
      if (error.retryAfter() > 0) {
        body.putObject("parameters").put("retry_after", error.retryAfter());
      }
      send(error.errorCode(), body, error.retryAfter());
    }

    private void send(int status, ObjectNode body, int retryAfter) {
      if (!answered.compareAndSet(false, true)) {
        return;
      }
      String text;
      try {
        text = json.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      context.runOnContext(
          ignored -> {
            HttpServerResponse response = request.response();
            if (response.ended() || response.closed()) {
              return;
            }
            response.setStatusCode(status).putHeader("Content-Type", "application/json");
            if (retryAfter > 0) {
              response.putHeader("Retry-After", Integer.toString(retryAfter));
            }
            response.end(text);
          });
    }
  }
}
