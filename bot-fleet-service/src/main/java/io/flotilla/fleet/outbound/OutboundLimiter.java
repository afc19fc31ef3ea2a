package io.flotilla.fleet.outbound;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Paces one bot's outbound calls to Telegram's limits: at most one call per slot of {@code 1 s /
 * rate} (no bursts), at most one message per second to a private chat and 20 a minute to a group,
 * and a full stop while Telegram's {@code retry_after} runs. Slots are booked individually, so a
 * message that must wait for its chat does not hold back messages to other chats. Callers reserve a
 * slot and wait the returned delay; the limiter itself never sleeps. Limits can change at any time.
 */
public final class OutboundLimiter {

  static final long PRIVATE_CHAT_SPACING_NANOS = Duration.ofSeconds(1).toNanos();
  static final long GROUP_CHAT_SPACING_NANOS = Duration.ofSeconds(3).toNanos();
  private static final int TRACKED_CHATS = 10_000;

  private long slotNanos;
  private final TreeSet<Long> bookedSlots = new TreeSet<>();
  private long pausedUntil = Long.MIN_VALUE;
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

  /** Applies a new rate; calls already reserved keep their times. */
  public synchronized void changeRate(int requestsPerSecond) {
    if (requestsPerSecond <= 0) {
      throw new IllegalArgumentException("requests per second must be positive");
    }
    slotNanos = Duration.ofSeconds(1).toNanos() / requestsPerSecond;
    bookedSlots.clear();
  }

  /**
   * Reserves the time of a message to {@code chatId} (negative ids are groups and channels, as in
   * the Bot API).
   *
   * @return how long the caller must wait before sending
   */
  public synchronized Duration reserve(long chatId, long nowNanos) {
    long earliest = Math.max(nowNanos, nextChatSlot.getOrDefault(chatId, nowNanos));
    long start = bookSlot(earliest, nowNanos);
    nextChatSlot.put(
        chatId, start + (chatId < 0 ? GROUP_CHAT_SPACING_NANOS : PRIVATE_CHAT_SPACING_NANOS));
    return Duration.ofNanos(start - nowNanos);
  }

  /** Reserves the time of a call that is not a message to a chat (answers, edits). */
  public synchronized Duration reserve(long nowNanos) {
    return Duration.ofNanos(bookSlot(nowNanos, nowNanos) - nowNanos);
  }

  /** Telegram said {@code 429 retry_after}: nothing goes out until it has passed. */
  public synchronized void pause(Duration retryAfter, long nowNanos) {
    pausedUntil = Math.max(pausedUntil, nowNanos + retryAfter.toNanos());
  }

  private long bookSlot(long earliest, long nowNanos) {
    bookedSlots.headSet(Math.floorDiv(nowNanos, slotNanos)).clear();
    long notBefore = Math.max(earliest, pausedUntil);
    long slot = Math.floorDiv(notBefore, slotNanos);
    while (bookedSlots.contains(slot)) {
      slot++;
    }
    bookedSlots.add(slot);
    return Math.max(slot * slotNanos, notBefore);
  }
}
