package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.CallbackQuery;
import io.flotilla.testkit.telegram.BotApiTypes.Chat;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import io.flotilla.testkit.telegram.BotApiTypes.User;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Everything the emulator knows about one bot apart from its update queue. Compound changes are
 * made while holding this object's monitor; the monitor of {@link BotUpdates} may be taken inside
 * it, never the other way round.
 */
final class BotState {
  /** The private chat with one user, from the bot's point of view. */
  static final class ChatState {
    final TelegramUser user;
    final Chat chat;
    final String chatInstance;
    final Map<Long, Message> messages = new LinkedHashMap<>();
    final List<SentMessage> transcript = new ArrayList<>();

    /** The bot's messages the user sees now, in their latest version, in sending order. */
    final Map<Long, SentMessage> shown = new LinkedHashMap<>();

    boolean blocked;

    ChatState(TelegramUser user) {
      this.user = user;
      this.chat = Chat.privateChatWith(user);
      this.chatInstance = Long.toString(ThreadLocalRandom.current().nextLong());
    }
  }

  private record TooManyRequests(String method, int retryAfterSeconds, AtomicInteger remaining) {}

  final BotHandle handle;
  final User me;
  final BotUpdates updates;
  final InstantSource clock;
  final Map<Long, ChatState> chats = new HashMap<>();
  final BotFiles files = new BotFiles();
  final Map<String, CallbackQuery> callbackQueries = new HashMap<>();
  final CommandMenu commands;
  final StarPayments payments = new StarPayments();
  final OutboundAccounting outbound = new OutboundAccounting();

  /** Bot Management Mode, switched on in BotFather: users may create bots this bot manages. */
  volatile boolean canManageBots;

  /** The ids of the bots users created for this bot to manage. */
  final List<Long> managedBotIds = new ArrayList<>();

  private final List<CallbackAnswer> callbackAnswers = new ArrayList<>();
  private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
  private final List<TooManyRequests> injectedFailures = new ArrayList<>();
  private final Runnable onTranscriptChange;
  private final Consumer<SentMessage> onMessage;
  private long lastMessageId;
  private volatile boolean revoked;

  /**
   * @param clock the emulator's wall clock, for message dates and deadlines
   * @param webhookAnswerHandler runs a method call that a webhook returned for this bot
   * @param onTranscriptChange runs after each change a test may wait for: a message, an edit, a
   *     deletion, an answer
   * @param onMessage told each message or edit the bot makes in a chat, as it happens
   */
  BotState(
      BotHandle handle,
      Vertx vertx,
      ObjectMapper json,
      InstantSource clock,
      WebhookClient webhookClient,
      BiConsumer<BotState, JsonNode> webhookAnswerHandler,
      Runnable onTranscriptChange,
      Consumer<SentMessage> onMessage) {
    this.handle = handle;
    this.me = User.bot(handle.id(), handle.firstName(), handle.username());
    this.clock = clock;
    this.commands = new CommandMenu(json);
    long firstUpdateId = ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L);
    this.updates =
        new BotUpdates(
            vertx,
            json,
            webhookClient,
            firstUpdateId,
            call -> webhookAnswerHandler.accept(this, call));
    this.onTranscriptChange = onTranscriptChange;
    this.onMessage = onMessage;
  }

  /**
   * Message ids of private chats come from one sequence per account, so they grow within each chat
   * and never repeat across the bot's chats.
   */
  synchronized long nextMessageId() {
    return ++lastMessageId;
  }

  synchronized ChatState chatWith(TelegramUser user) {
    return chats.computeIfAbsent(user.id(), id -> new ChatState(user));
  }

  synchronized void record(ChatState chat, SentMessage sent) {
    chat.transcript.add(sent);
    chat.shown.put(sent.messageId(), sent);
    onTranscriptChange.run();
    onMessage.accept(sent);
  }

  /** The message is gone for both sides of the chat. */
  synchronized void delete(ChatState chat, long messageId) {
    chat.messages.remove(messageId);
    chat.shown.remove(messageId);
    onTranscriptChange.run();
  }

  /** Wakes tests waiting for something of this bot to change. */
  void changed() {
    onTranscriptChange.run();
  }

  synchronized void record(CallbackAnswer answer) {
    callbackAnswers.add(answer);
    onTranscriptChange.run();
  }

  synchronized List<SentMessage> transcript(long chatId) {
    ChatState chat = chats.get(chatId);
    return chat == null ? List.of() : List.copyOf(chat.transcript);
  }

  synchronized List<SentMessage> shown(long chatId) {
    ChatState chat = chats.get(chatId);
    return chat == null ? List.of() : List.copyOf(chat.shown.values());
  }

  void countRequest(String method) {
    requestCounts
        .computeIfAbsent(method.toLowerCase(Locale.ROOT), name -> new AtomicInteger())
        .incrementAndGet();
  }

  int requestCount(String method) {
    AtomicInteger count = requestCounts.get(method.toLowerCase(Locale.ROOT));
    return count == null ? 0 : count.get();
  }

  /**
   * @param method a method name, or null for every method
   */
  synchronized void injectTooManyRequests(String method, int retryAfterSeconds, int times) {
    injectedFailures.add(
        new TooManyRequests(
            method == null ? null : method.toLowerCase(Locale.ROOT),
            retryAfterSeconds,
            new AtomicInteger(times)));
  }

  /** The retry_after of an injected 429 this call must get, or 0. */
  synchronized int takeInjectedFailure(String method) {
    for (TooManyRequests failure : injectedFailures) {
      if ((failure.method() == null || failure.method().equals(method))
          && failure.remaining().getAndUpdate(left -> Math.max(left - 1, 0)) > 0) {
        return failure.retryAfterSeconds();
      }
    }
    return 0;
  }

  synchronized List<CallbackAnswer> callbackAnswers() {
    return List.copyOf(callbackAnswers);
  }

  boolean revoked() {
    return revoked;
  }

  void revoke() {
    revoked = true;
    updates.close();
  }
}
