package io.flotilla.fleet.outbound;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paces one bot's outbound calls to Telegram's limits: a smooth per-bot rate (no bursts), at most
 * one message per second to a private chat and 20 a minute to a group, and a full stop while
 * Telegram's {@code retry_after} runs. Callers reserve a slot and wait the returned delay; the
 * limiter itself never sleeps. Limits can change at any time.
 */
public final class OutboundLimiter {

  static final long PRIVATE_CHAT_SPACING_NANOS = Duration.ofSeconds(1).toNanos();
  static final long GROUP_CHAT_SPACING_NANOS = Duration.ofSeconds(3).toNanos();
  private static final int TRACKED_CHATS = 10_000;

  private long botSpacingNanos;
  private long nextBotSlot;
  private long pausedUntil;
  private final Map<Long, Long> nextChatSlot =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
          return size() > TRACKED_CHATS;
        }
      };

  public OutboundLimiter(int requestsPerSecond) {
    changeRate(requestsPerSecond);
  }

  public synchronized void changeRate(int requestsPerSecond) {
    if (requestsPerSecond <= 0) {
      throw new IllegalArgumentException("requests per second must be positive");
    }
    botSpacingNanos = Duration.ofSeconds(1).toNanos() / requestsPerSecond;
  }

  /**
   * Reserves the next slot for a message to {@code chatId} (negative ids are groups and channels,
   * as in the Bot API).
   *
   * @return how long the caller must wait before sending
   */
  public synchronized Duration reserve(long chatId, long nowNanos) {
    long chatSlot = nextChatSlot.getOrDefault(chatId, nowNanos);
    long start = Math.max(Math.max(nowNanos, nextBotSlot), Math.max(pausedUntil, chatSlot));
    nextBotSlot = start + botSpacingNanos;
    nextChatSlot.put(
        chatId, start + (chatId < 0 ? GROUP_CHAT_SPACING_NANOS : PRIVATE_CHAT_SPACING_NANOS));
    return Duration.ofNanos(start - nowNanos);
  }

  /** Reserves a slot for a call that is not a message to a chat (answers, edits, polls). */
  public synchronized Duration reserve(long nowNanos) {
    long start = Math.max(Math.max(nowNanos, nextBotSlot), pausedUntil);
    nextBotSlot = start + botSpacingNanos;
    return Duration.ofNanos(start - nowNanos);
  }

  /** Telegram said {@code 429 retry_after}: nothing goes out until it has passed. */
  public synchronized void pause(Duration retryAfter, long nowNanos) {
    pausedUntil = Math.max(pausedUntil, nowNanos + retryAfter.toNanos());
  }
}
