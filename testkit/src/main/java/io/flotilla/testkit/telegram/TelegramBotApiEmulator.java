package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.testkit.telegram.BotApiRequest.UploadedFile;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import io.flotilla.testkit.telegram.BotApiTypes.ChatMember;
import io.flotilla.testkit.telegram.BotApiTypes.ChatMemberUpdated;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.flotilla.testkit.telegram.BotApiTypes.User;
import io.flotilla.testkit.telegram.BotState.ChatState;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * #callbackAnswers} and {@link #requestCount}.
 *
 * <p>Behaviour follows the real server (tdlib/telegram-bot-api), including its less known rules:
 * getUpdates with the same offset within 3 seconds waits at least 3 seconds and, within 0.5
 * seconds, returns at most one update; at most one 409 conflict per 3 seconds is answered at once;
 * setWebhook with a URL answers 429 when called again within a second; an edit without reply_markup
 * removes the inline keyboard. Unlike Telegram, webhooks may use http and any port.
 */
public final class TelegramBotApiEmulator implements AutoCloseable {
  private static final Pattern BOT_PATH = Pattern.compile("/bot([^/]*)/(.*)");
  private static final Pattern WELL_FORMED_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
  private static final Pattern BOT_USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{1,28}(?i:bot)");
  private static final int MAX_PARAMETER_BYTES = 1 << 20;
  private static final Duration VERTX_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final ObjectMapper json = newJsonMapper();
  private final WebhookClient webhookClient;
  private final BotApiMethods methods = new BotApiMethods(json);
  private final HttpServer server;
  private final Map<String, BotState> botsByToken = new ConcurrentHashMap<>();
  private final Map<Long, BotState> botsById = new ConcurrentHashMap<>();
  private final AtomicLong transcriptVersion = new AtomicLong();
  private final Object transcriptSignal = new Object();
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
    BotHandle registered = null;
    while (registered == null) {
      registered =
          tryRegister(ThreadLocalRandom.current().nextLong(10_000_000L, 10_000_000_000L), username);
    }
    return registered;
  }

  public BotHandle registerBot(long botId, String username) {
    BotHandle registered = tryRegister(botId, username);
    if (registered == null) {
      throw new IllegalArgumentException("a bot with id " + botId + " is already registered");
    }
    return registered;
  }

  /** Registers the bot, or returns null when the id is taken. */
  private BotHandle tryRegister(long botId, String username) {
    if (botId <= 0) {
      throw new IllegalArgumentException("bot ids are positive: " + botId);
    }
    if (!BOT_USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "bot usernames have 5 to 32 letters, digits and underscores and end in \"bot\": "
              + username);
    }
    String token = botId + ":" + BotApiMethods.randomBase64Url(35);
    BotHandle handle = new BotHandle(botId, username, username, token);
    BotState bot =
        new BotState(
            handle, vertx, json, webhookClient, this::runWebhookAnswer, this::transcriptChanged);
    if (botsById.putIfAbsent(botId, bot) != null) {
      return null;
    }
    botsByToken.put(token, bot);
    return handle;
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
    FormattedText content;
    try {
      content = FormattedText.plain(text).finish(FormattedText.MAX_TEXT_LENGTH, "too long");
    } catch (BotApiException e) {
      throw new IllegalArgumentException("Telegram apps cannot send this text: " + e.description());
    }
    synchronized (bot) {
      ChatState chat = bot.chatWith(user);
      if (chat.blocked) {
        chat.blocked = false;
        addMembershipChange(bot, chat, "kicked", "member");
      }
      Message message =
          new Message(
              bot.nextMessageId(),
              User.human(user),
              chat.chat,
              Instant.now().getEpochSecond(),
              null,
              null,
              content.text(),
              content.entitiesOrNull(),
              null,
              null,
              null,
              null,
              null);
      chat.messages.put(message.messageId(), message);
      bot.updates.add("message", id -> new Update(id, message, null, null));
      return message;
    }
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
      String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 60, Long.MAX_VALUE));
      CallbackQuery query =
          new CallbackQuery(id, User.human(user), message, chat.chatInstance, callbackData);
      bot.callbackQueries.put(id, query);
      bot.updates.add("callback_query", updateId -> new Update(updateId, null, query, null));
      return query;
    }
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
   * Sends an update to the bot's webhook once more with the same update_id, as Telegram does when
   * it did not get a 2xx answer in time, to test that bots handle updates at least once. Bots that
   * poll see duplicates only by repeating an offset, so this needs a webhook.
   */
  public void redeliverUpdate(String token, long updateId) {
    bot(token).updates.redeliver(updateId);
  }

  /** What the bot sent to or edited in the chat, in order; empty for an unknown chat. */
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
      BotState.StoredFile file = bot.files.get(fileId);
      if (file == null) {
        throw new IllegalArgumentException("the bot has no file " + fileId);
      }
      return file.content().clone();
    }
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
            Instant.now().getEpochSecond(),
            new ChatMember(oldStatus, bot.me, oldStatus.equals("kicked") ? 0L : null),
            new ChatMember(newStatus, bot.me, newStatus.equals("kicked") ? 0L : null));
    bot.updates.add("my_chat_member", id -> new Update(id, null, null, change));
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

  // ---- HTTP side: parameters are read from the query string and from any of the body formats.

  private void handle(HttpServerRequest request) {
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
