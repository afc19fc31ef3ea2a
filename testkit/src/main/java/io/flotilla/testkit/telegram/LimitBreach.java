package io.flotilla.testkit.telegram;

import java.time.Instant;

/**
 * A message that took a bot over one of Telegram's sending limits. The emulator answers it as usual
 * (Telegram would answer 429 Too Many Requests) and only records it.
 *
 * @param chatId the chat of the rule, or the chat of the message for {@link Rule#BOT_PER_SECOND}
 * @param messagesInWindow how many messages the window held with this one
 * @param tolerated whether it was a short burst Telegram lets pass: 2 or 3 messages within a second
 *     to one private chat
 */
public record LimitBreach(
    Rule rule, long chatId, int messagesInWindow, Instant at, boolean tolerated) {

  /** Telegram's limits for bots, from the Bot FAQ. */
  public enum Rule {
    /** At most one message per second to a private chat. */
    PRIVATE_CHAT_PER_SECOND,
    /** At most 20 messages per minute to a group. */
    GROUP_CHAT_PER_MINUTE,
    /** At most 30 messages per second from one bot, over all chats. */
    BOT_PER_SECOND
  }
}
