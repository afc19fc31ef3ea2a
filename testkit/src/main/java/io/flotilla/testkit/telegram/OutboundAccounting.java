package io.flotilla.testkit.telegram;

import io.flotilla.testkit.telegram.LimitBreach.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the messages one bot sends, per chat and in total, and notes each message that exceeds
 * Telegram's limits within a sliding window that ends at it. Pure: the monotonic time is passed in,
 * so tests can place messages to the nanosecond.
 */
final class OutboundAccounting {
  static final int PRIVATE_CHAT_PER_SECOND = 1;

  /** Telegram lets short bursts to a private chat pass; above this many it answers 429. */
  static final int PRIVATE_CHAT_BURST = 3;

  static final int GROUP_CHAT_PER_MINUTE = 20;
  static final int BOT_PER_SECOND = 30;

  /** A flood in a benchmark must not fill the heap: later breaches are counted, not kept. */
  static final int MAX_RECORDED_BREACHES = 10_000;

  private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();
  private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

  private final Map<Long, Deque<Long>> recentByChat = new HashMap<>();
  private final Deque<Long> recentOfBot = new ArrayDeque<>();
  private final Map<Long, Integer> sentByChat = new HashMap<>();
  private final List<LimitBreach> breaches = new ArrayList<>();
  private int sent;
  private int unrecordedBreaches;

  /**
   * @param chatId negative for groups, as in the Bot API
   * @param nowNanos a monotonic time, as from System.nanoTime
   * @param at the wall time recorded with a breach
   */
  synchronized void messageSent(long chatId, long nowNanos, Instant at) {
    sent++;
    sentByChat.merge(chatId, 1, Integer::sum);
    boolean group = chatId < 0;
    int inChatWindow =
        slide(
            recentByChat.computeIfAbsent(chatId, id -> new ArrayDeque<>()),
            nowNanos,
            group ? MINUTE_NANOS : SECOND_NANOS);
    if (group && inChatWindow > GROUP_CHAT_PER_MINUTE) {
      record(new LimitBreach(Rule.GROUP_CHAT_PER_MINUTE, chatId, inChatWindow, at, false));
    } else if (!group && inChatWindow > PRIVATE_CHAT_PER_SECOND) {
      record(
          new LimitBreach(
              Rule.PRIVATE_CHAT_PER_SECOND,
              chatId,
              inChatWindow,
              at,
              inChatWindow <= PRIVATE_CHAT_BURST));
    }
    int inBotWindow = slide(recentOfBot, nowNanos, SECOND_NANOS);
    if (inBotWindow > BOT_PER_SECOND) {
      record(new LimitBreach(Rule.BOT_PER_SECOND, chatId, inBotWindow, at, false));
    }
  }

  private void record(LimitBreach breach) {
    if (breaches.size() < MAX_RECORDED_BREACHES) {
      breaches.add(breach);
    } else {
      unrecordedBreaches++;
    }
  }

  /** Adds a send to a window of times and returns how many sends the window now holds. */
  private static int slide(Deque<Long> window, long nowNanos, long lengthNanos) {
    while (!window.isEmpty() && nowNanos - window.peekFirst() >= lengthNanos) {
      window.pollFirst();
    }
    window.addLast(nowNanos);
    return window.size();
  }

  synchronized int sent() {
    return sent;
  }

  synchronized int sentTo(long chatId) {
    return sentByChat.getOrDefault(chatId, 0);
  }

  /** Breaches and bursts beyond the first {@link #MAX_RECORDED_BREACHES}, which are not kept. */
  synchronized int unrecorded() {
    return unrecordedBreaches;
  }

  /** Breaches Telegram would have answered with 429, oldest first. */
  synchronized List<LimitBreach> breaches() {
    return breaches.stream().filter(breach -> !breach.tolerated()).toList();
  }

  /** Short bursts to private chats that Telegram lets pass, oldest first. */
  synchronized List<LimitBreach> toleratedBursts() {
    return breaches.stream().filter(LimitBreach::tolerated).toList();
  }
}
