package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.flotilla.testkit.telegram.BotApiTypes.WebhookInfo;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The update queue of one bot and the two ways out of it, getUpdates and the webhook, with the
 * rules of the real server (tdlib/telegram-bot-api): offset confirmation, long polling, conflicts,
 * webhook retries. All state is guarded by this object's monitor.
 */
final class BotUpdates {
  /** Where an answer to a method call goes; called at most once per call. */
  interface Responder {
    void succeed(Object result);

    void fail(BotApiException error);
  }

  /** Update names in the order the server lists them in getWebhookInfo. */
  private static final List<String> UPDATE_TYPES =
      List.of(
          ("message edited_message channel_post edited_channel_post inline_query"
                  + " chosen_inline_result callback_query shipping_query pre_checkout_query poll"
                  + " poll_answer my_chat_member chat_member chat_join_request chat_boost"
                  + " removed_chat_boost message_reaction message_reaction_count business_connection"
                  + " business_message edited_business_message deleted_business_messages"
                  + " purchased_paid_media managed_bot")
              .split(" "));

  private static final Set<String> NOT_SENT_BY_DEFAULT =
      FormattedText.words("chat_member message_reaction message_reaction_count");
  private static final int MAX_LONG_POLL_SECONDS = 50;
  private static final long CONFLICT_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long MAX_RETRY_MILLIS = 3_000;
  private static final String WEBHOOK_ACTIVE =
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete"
          + " the webhook first";
  private static final String OTHER_GET_UPDATES =
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
          + " running";

  private record LongPoll(Responder responder, int limit, long timerId) {}

  /** The webhook as set, and the URL it is reached at: without a scheme a URL means https. */
  private record Webhook(
      String url,
      URI target,
      String secretToken,
      int maxConnections,
      String ipAddress,
      long generation) {}

  private final Vertx vertx;
  private final ObjectMapper json;
  private final WebhookClient webhookClient;
  private final Consumer<JsonNode> webhookAnswerHandler;

  private final Deque<Update> pending = new ArrayDeque<>();

  /** Updates getUpdates returns once more, ahead of the pending ones and regardless of offset. */
  private final Deque<Update> replays = new ArrayDeque<>();

  private final List<Update> created = new ArrayList<>();
  private long nextUpdateId;
  private Set<String> allowedUpdates;
  private boolean closed;

  private LongPoll longPoll;
  private int previousOffset = -1;
  private long previousPollStart = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
  private long nextConflictAnswer = previousPollStart;

  private Webhook webhook;
  private long webhookGeneration;
  private long nextSetWebhookAllowed = previousPollStart;
  private boolean deliveryInFlight;
  private long retryTimerId = -1;
  private int consecutiveFailures;
  private long lastErrorDate;
  private String lastErrorMessage;

  /**
   * @param webhookAnswerHandler runs a method call a webhook returned in its response body
   */
  BotUpdates(
      Vertx vertx,
      ObjectMapper json,
      WebhookClient webhookClient,
      long firstUpdateId,
      Consumer<JsonNode> webhookAnswerHandler) {
    this.vertx = vertx;
    this.json = json;
    this.webhookClient = webhookClient;
    this.nextUpdateId = firstUpdateId;
    this.webhookAnswerHandler = webhookAnswerHandler;
  }

  /**
   * Queues an update unless allowed_updates excludes it, like the server, which never stores it.
   */
  synchronized void add(String type, LongFunction<Update> withId) {
    if (closed || !isAllowed(type)) {
      return;
    }
    Update update = withId.apply(nextUpdateId++);
    created.add(update);
    pending.addLast(update);
    if (webhook == null) {
      wakeLongPoll();
    } else {
      deliverNext();
    }
  }

  synchronized List<Update> created() {
    return List.copyOf(created);
  }

  /**
   * Delivers an update once more with its update_id. A webhook receives it again after the updates
   * queued before it; a polling bot gets it at the head of its next getUpdates answer, whatever
   * offset it sends, as when the confirmation of that update was lost.
   */
  synchronized void redeliver(long updateId) {
    Update update =
        created.stream()
            .filter(candidate -> candidate.updateId() == updateId)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no update " + updateId));
    if (webhook == null) {
      replays.addLast(update);
      wakeLongPoll();
      return;
    }
    pending.addLast(update);
    deliverNext();
  }

  synchronized void getUpdates(BotApiRequest request, Responder responder) {
    if (webhook != null) {
      conflict(responder, WEBHOOK_ACTIVE);
      return;
    }
    int offset = request.integer("offset", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    int limit = request.integer("limit", 100, 1, 100);
    int timeout = request.integer("timeout", 0, 0, MAX_LONG_POLL_SECONDS);
    updateAllowedUpdates(request.arg("allowed_updates"));
    // The server slows down clients that repeat the same offset in a tight loop.
    long now = System.nanoTime();
    if (offset == previousOffset && now - previousPollStart < TimeUnit.SECONDS.toNanos(3)) {
      timeout = Math.max(timeout, 3);
    }
    if (offset == previousOffset && now - previousPollStart < TimeUnit.MILLISECONDS.toNanos(500)) {
      limit = 1;
    }
    previousOffset = offset;
    previousPollStart = now;

    if (offset < 0) {
      while (pending.size() > -(long) offset) {
        pending.pollFirst();
      }
    } else {
      while (!pending.isEmpty() && pending.peekFirst().updateId() < offset) {
        pending.pollFirst();
      }
    }
    List<Update> updates = nextBatch(limit);
    if (!updates.isEmpty() || timeout == 0) {
      responder.succeed(updates);
      return;
    }
    abortLongPoll(OTHER_GET_UPDATES);
    long timerId = vertx.setTimer(TimeUnit.SECONDS.toMillis(timeout), this::longPollExpired);
    longPoll = new LongPoll(responder, limit, timerId);
  }

  /** The client of a long poll hung up: stop waiting for it. */
  synchronized void abandon(Responder responder) {
    if (longPoll != null && longPoll.responder() == responder) {
      vertx.cancelTimer(longPoll.timerId());
      longPoll = null;
    }
  }

  private synchronized void longPollExpired(long timerId) {
    if (longPoll != null && longPoll.timerId() == timerId) {
      longPoll.responder().succeed(nextBatch(longPoll.limit()));
      longPoll = null;
    }
  }

  private void wakeLongPoll() {
    if (longPoll != null) {
      vertx.cancelTimer(longPoll.timerId());
      longPoll.responder().succeed(nextBatch(longPoll.limit()));
      longPoll = null;
    }
  }

  private void abortLongPoll(String conflictDescription) {
    if (longPoll != null) {
      vertx.cancelTimer(longPoll.timerId());
      conflict(longPoll.responder(), conflictDescription);
      longPoll = null;
    }
  }

  /** The server answers at most one conflict per 3 seconds at once and delays the others. */
  private void conflict(Responder responder, String description) {
    BotApiException error = BotApiException.of(409, description);
    long now = System.nanoTime();
    if (now - nextConflictAnswer >= 0) {
      nextConflictAnswer = now + CONFLICT_PAUSE_NANOS;
      responder.fail(error);
    } else {
      vertx.setTimer(
          TimeUnit.NANOSECONDS.toMillis(CONFLICT_PAUSE_NANOS), id -> responder.fail(error));
    }
  }

  /** Replays first (they are older), then pending updates; a replay is returned only once. */
  private List<Update> nextBatch(int limit) {
    List<Update> batch = new ArrayList<>();
    while (!replays.isEmpty() && batch.size() < limit) {
      batch.add(replays.pollFirst());
    }
    pending.stream().limit(limit - batch.size()).forEach(batch::add);
    return batch;
  }

  /** setWebhook and deleteWebhook, which are one method in the server; returns its description. */
  synchronized String setWebhook(BotApiRequest request, boolean delete) {
    String url = delete ? "" : request.arg("url");
    long now = System.nanoTime();
    if (!url.isEmpty()) {
      if (now - nextSetWebhookAllowed < 0) {
        throw BotApiException.tooManyRequests(1);
      }
      nextSetWebhookAllowed = now + TimeUnit.SECONDS.toNanos(1);
    }
    int maxConnections = url.isEmpty() ? 0 : request.integer("max_connections", 40, 1, 100);
    String secretToken = url.isEmpty() ? "" : request.arg("secret_token");
    boolean dropPending = request.bool("drop_pending_updates");
    if (webhookUrl().equals(url)
        && maxConnections == (webhook == null ? 0 : webhook.maxConnections())
        && secretToken.equals(webhook == null ? "" : webhook.secretToken())
        && !dropPending) {
      updateAllowedUpdates(request.arg("allowed_updates"));
      return url.isEmpty() ? "Webhook is already deleted" : "Webhook is already set";
    }
    if (!url.isEmpty()) {
      abortLongPoll("Conflict: terminated by setWebhook request");
    }
    // The server closes the old webhook before it validates the new one.
    boolean hadWebhook = webhook != null;
    removeWebhook();
    if (dropPending) {
      pending.clear();
      replays.clear();
    }
    if (url.isEmpty()) {
      return hadWebhook ? "Webhook was deleted" : "Webhook is already deleted";
    }
    URI target = webhookTarget(url);
    if (secretToken.length() > 256) {
      throw BotApiException.badRequest("secret token is too long");
    }
    if (!secretToken.matches("[A-Za-z0-9_-]*")) {
      throw BotApiException.badRequest("secret token contains unallowed characters");
    }
    webhook =
        new Webhook(
            url,
            target,
            secretToken,
            maxConnections,
            ipAddressOf(target.getHost()),
            webhookGeneration);
    updateAllowedUpdates(request.arg("allowed_updates"));
    deliverNext();
    return "Webhook was set";
  }

  /**
   * Telegram requires HTTPS on ports 443, 80, 88 and 8443; like a Bot API server in --local mode
   * the emulator also accepts http and any port, so that tests can receive webhooks locally.
   */
  private static URI webhookTarget(String url) {
    String withScheme = url.contains("://") ? url : "https://" + url;
    try {
      URI uri = new URI(withScheme);
      String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
        throw BotApiException.badRequest("invalid webhook URL specified");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw BotApiException.badRequest("invalid webhook URL specified");
    }
  }

  private static String ipAddressOf(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return "127.0.0.1";
    }
    return host.matches("[\\d.]+|\\[[\\da-fA-F:.]+]")
        ? host.replaceAll("[\\[\\]]", "")
        : "<unknown>";
  }

  private void removeWebhook() {
    webhook = null;
    webhookGeneration++;
    deliveryInFlight = false;
    if (retryTimerId >= 0) {
      vertx.cancelTimer(retryTimerId);
      retryTimerId = -1;
    }
    consecutiveFailures = 0;
    lastErrorDate = 0;
    lastErrorMessage = null;
  }

  synchronized WebhookInfo webhookInfo() {
    return new WebhookInfo(
        webhookUrl(),
        false,
        pending.size(),
        lastErrorDate > 0 ? lastErrorDate : null,
        lastErrorDate > 0 ? lastErrorMessage : null,
        webhook == null ? null : webhook.maxConnections(),
        webhook == null ? null : webhook.ipAddress(),
        allowedUpdates == null
            ? null
            : UPDATE_TYPES.stream().filter(allowedUpdates::contains).toList());
  }

  private String webhookUrl() {
    return webhook == null ? "" : webhook.url();
  }

  /**
   * A JSON list of update names, matched in any case; unknown names are skipped and a list without
   * known names means the default. An absent or undecodable value keeps the previous setting.
   */
  private void updateAllowedUpdates(String value) {
    if (value.isEmpty()) {
      return;
    }
    JsonNode names;
    try {
      names = json.readTree(value);
    } catch (IOException e) {
      return;
    }
    if (names == null || !names.isArray()) {
      return;
    }
    Set<String> allowed = new LinkedHashSet<>();
    names.forEach(name -> allowed.add(name.asText().toLowerCase(Locale.ROOT)));
    allowed.retainAll(UPDATE_TYPES);
    Set<String> defaults = new LinkedHashSet<>(UPDATE_TYPES);
    defaults.removeAll(NOT_SENT_BY_DEFAULT);
    allowedUpdates = allowed.isEmpty() || allowed.equals(defaults) ? null : allowed;
  }

  private boolean isAllowed(String type) {
    return allowedUpdates == null
        ? !NOT_SENT_BY_DEFAULT.contains(type)
        : allowedUpdates.contains(type);
  }

  /** Sends the oldest pending update; one delivery per bot at a time keeps updates in order. */
  private void deliverNext() {
    if (webhook == null || deliveryInFlight || retryTimerId >= 0 || pending.isEmpty()) {
      return;
    }
    Update update = pending.peekFirst();
    Webhook target = webhook;
    deliveryInFlight = true;
    webhookClient
        .post(new WebhookClient.Target(target.target().toString(), target.secretToken()), update)
        .onComplete(result -> delivered(target, update, result));
  }

  private void delivered(
      Webhook target, Update update, AsyncResult<WebhookClient.Response> result) {
    JsonNode answer = null;
    synchronized (this) {
      if (webhook == null || target.generation() != webhook.generation()) {
        // The webhook changed meanwhile; the update stays pending for whoever receives next.
        return;
      }
      deliveryInFlight = false;
      if (result.succeeded() && result.result().successful()) {
        if (pending.peekFirst() == update) {
          pending.pollFirst();
        }
        consecutiveFailures = 0;
        answer = methodCallIn(result.result());
        deliverNext();
      } else {
        lastErrorDate = Instant.now().getEpochSecond();
        lastErrorMessage =
            result.succeeded()
                ? WebhookClient.describe(result.result())
                : WebhookClient.describe(result.cause());
        long delay =
            Math.min(FIRST_RETRY_MILLIS << Math.min(consecutiveFailures, 10), MAX_RETRY_MILLIS);
        consecutiveFailures++;
        retryTimerId = vertx.setTimer(delay, id -> retryDelivery(id));
      }
    }
    if (answer != null) {
      webhookAnswerHandler.accept(answer);
    }
  }

  private synchronized void retryDelivery(long timerId) {
    if (retryTimerId == timerId) {
      retryTimerId = -1;
      deliverNext();
    }
  }

  /** A bot may answer a webhook request with a method call in the response body. */
  private JsonNode methodCallIn(WebhookClient.Response response) {
    try {
      JsonNode body = json.readTree(response.body().getBytes());
      return body != null && body.isObject() && body.path("method").isTextual() ? body : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The bot got a new token: a poll waiting with the old one gets 401, and the webhook, which the
   * Bot API server keeps per token, is gone. Pending updates wait for the new token.
   */
  synchronized void tokenReplaced() {
    if (longPoll != null) {
      vertx.cancelTimer(longPoll.timerId());
      longPoll.responder().fail(BotApiException.unauthorized());
      longPoll = null;
    }
    removeWebhook();
  }

  /** After the token is revoked nothing is delivered any more and a waiting poll gets 401. */
  synchronized void close() {
    closed = true;
    if (longPoll != null) {
      vertx.cancelTimer(longPoll.timerId());
      longPoll.responder().fail(BotApiException.unauthorized());
      longPoll = null;
    }
    removeWebhook();
  }
}
