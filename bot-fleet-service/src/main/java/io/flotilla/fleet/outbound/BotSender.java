package io.flotilla.fleet.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * One bot's outbound calls: queued by {@link Priority} (a reply to a person before notifications
 * and broadcasts, first come first served within one), at most {@code maxInFlight} at once so a bot
 * sending thousands of messages cannot take the HTTP connections every other bot needs, and each
 * paced by the bot's {@link OutboundLimiter} when it leaves the queue. A 429 pauses the whole bot
 * for Telegram's {@code retry_after} and the call keeps its place in the queue; a 403 from a chat
 * (the user blocked the bot) is reported once and not retried.
 */
public final class BotSender {

  private static final int ATTEMPTS_ON_TOO_MANY_REQUESTS = 3;

  private final BotApiClient api;
  private final String token;
  private final OutboundLimiter limiter;
  private final LongConsumer onBlocked;
  private final PriorityQueue<Pending> queue =
      new PriorityQueue<>(
          (a, b) ->
              a.priority != b.priority
                  ? a.priority.compareTo(b.priority)
                  : Long.compare(a.sequence, b.sequence));
  private volatile int maxInFlight;
  private int inFlight;
  private long sequence;

  /**
   * @param onBlocked told the chat id when Telegram answers 403 for a chat (blocked, kicked)
   */
  public BotSender(
      BotApiClient api,
      String token,
      OutboundLimiter limiter,
      int maxInFlight,
      LongConsumer onBlocked) {
    this.api = api;
    this.token = token;
    this.limiter = limiter;
    this.onBlocked = onBlocked;
    changeMaxInFlight(maxInFlight);
  }

  public OutboundLimiter limiter() {
    return limiter;
  }

  public void changeMaxInFlight(int calls) {
    maxInFlight = Math.max(1, calls);
    drain();
  }

  public Uni<JsonNode> send(
      Priority priority, Long chatId, String method, Map<String, Object> parameters) {
    return enqueue(priority, chatId, () -> api.call(token, method, parameters));
  }

  /** Sends a file made here, e.g. a {@code .txt} document of codes, as multipart form data. */
  public Uni<JsonNode> upload(
      Priority priority,
      long chatId,
      String method,
      Map<String, Object> parameters,
      String fileField,
      String fileName,
      byte[] content) {
    return enqueue(
        priority,
        chatId,
        () -> api.upload(token, method, parameters, fileField, fileName, "text/plain", content));
  }

  /**
   * Fetches a file a person sent the bot (a document): {@code getFile}, then the download, both as
   * this bot, so its token stays here.
   */
  public Uni<byte[]> download(Priority priority, String fileId) {
    return send(priority, null, "getFile", Map.of("file_id", fileId))
        .chain(file -> api.download(token, file.path("file_path").asText()));
  }

  /** How many calls wait for their turn; for the fleet's metrics and back-pressure. */
  public synchronized int queued() {
    return queue.size();
  }

  private Uni<JsonNode> enqueue(Priority priority, Long chatId, Supplier<Uni<JsonNode>> call) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              synchronized (this) {
                queue.add(new Pending(priority, sequence++, chatId, call, emitter));
              }
              drain();
            });
  }

  private void drain() {
    while (true) {
      Pending next;
      synchronized (this) {
        if (inFlight >= maxInFlight || queue.isEmpty()) {
          return;
        }
        next = queue.poll();
        inFlight++;
      }
      run(next);
    }
  }

  private void run(Pending pending) {
    long now = System.nanoTime();
    Duration wait =
        pending.chatId == null ? limiter.reserve(now) : limiter.reserve(pending.chatId, now);
    // Timers have millisecond resolution; a wait under a millisecond is no wait.
    Uni<Void> paced =
        wait.toMillis() == 0
            ? Uni.createFrom().voidItem()
            : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    paced
        .chain(() -> pending.call.get())
        .subscribe()
        .with(result -> finish(pending, result, null), failure -> finish(pending, null, failure));
  }

  private void finish(Pending pending, JsonNode result, Throwable failure) {
    boolean retry = false;
    if (failure instanceof BotApiException api) {
      if (api.isTooManyRequests() && ++pending.attempts < ATTEMPTS_ON_TOO_MANY_REQUESTS) {
        limiter.pause(Duration.ofSeconds(api.retryAfterSeconds().orElse(1)), System.nanoTime());
        retry = true;
      } else if (api.errorCode() == 403 && pending.chatId != null) {
        onBlocked.accept(pending.chatId);
      }
    }
    synchronized (this) {
      inFlight--;
      if (retry) {
        queue.add(pending);
      }
    }
    if (!retry) {
      if (failure == null) {
        pending.emitter.complete(result);
      } else {
        pending.emitter.fail(failure);
      }
    }
    drain();
  }

  private static final class Pending {
    final Priority priority;
    final long sequence;
    final Long chatId;
    final Supplier<Uni<JsonNode>> call;
    final UniEmitter<? super JsonNode> emitter;
    int attempts;

    Pending(
        Priority priority,
        long sequence,
        Long chatId,
        Supplier<Uni<JsonNode>> call,
        UniEmitter<? super JsonNode> emitter) {
      this.priority = priority;
      this.sequence = sequence;
      this.chatId = chatId;
      this.call = call;
      this.emitter = emitter;
      this.attempts = 0;
    }
  }
}
