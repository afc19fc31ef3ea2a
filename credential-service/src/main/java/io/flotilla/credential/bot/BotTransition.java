package io.flotilla.credential.bot;

import static io.flotilla.credential.bot.BotStatus.ACTIVE;
import static io.flotilla.credential.bot.BotStatus.ERROR;
import static io.flotilla.credential.bot.BotStatus.PENDING;
import static io.flotilla.credential.bot.BotStatus.RATE_LIMITED;
import static io.flotilla.credential.bot.BotStatus.REMOVED;
import static io.flotilla.credential.bot.BotStatus.SUSPENDED;

import io.flotilla.platform.problem.ProblemException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every way a bot's status may change, and from where. Admin and owner actions outside their
 * allowed states are refused (409); the fleet's own reports ({@link #THROTTLE}, {@link #RECOVER},
 * {@link #FAIL}) race with admin actions and are simply ignored where they no longer apply.
 *
 * <pre>
 *   pending --verify--> active <--suspend/activate--> suspended
 *   active --throttle--> rate_limited --recover--> active
 *   active, rate_limited --fail--> error --verify/activate--> active
 *   any but removed --remove--> removed (secrets wiped)
 * </pre>
 */
public enum BotTransition {
  VERIFY(ACTIVE, false, PENDING, ERROR),
  ACTIVATE(ACTIVE, false, SUSPENDED, RATE_LIMITED, ERROR),
  SUSPEND(SUSPENDED, false, PENDING, ACTIVE, RATE_LIMITED, ERROR),
  THROTTLE(RATE_LIMITED, true, ACTIVE),
  RECOVER(ACTIVE, true, RATE_LIMITED),
  FAIL(ERROR, true, ACTIVE, RATE_LIMITED),
  REMOVE(REMOVED, false, PENDING, ACTIVE, SUSPENDED, RATE_LIMITED, ERROR);

  private static final Map<BotTransition, String> VERBS =
      Map.of(
          VERIFY, "verified",
          ACTIVATE, "activated",
          SUSPEND, "suspended",
          THROTTLE, "rate limited",
          RECOVER, "recovered",
          FAIL, "marked failed",
          REMOVE, "removed");

  private final BotStatus target;
  private final boolean fleetReport;
  private final Set<BotStatus> from;

  BotTransition(BotStatus target, boolean fleetReport, BotStatus first, BotStatus... rest) {
    this.target = target;
    this.fleetReport = fleetReport;
    this.from = EnumSet.of(first, rest);
  }

  public BotStatus target() {
    return target;
  }

  /**
   * Moves the bot to the target status.
   *
   * @return true when the bot changed; false when it already was there, or when a fleet report no
   *     longer applies
   * @throws ProblemException 409 {@code invalid-transition} when the move is not allowed
   */
  public boolean apply(Bot bot, String reason, Instant now) {
    if (bot.status == target) {
      return false;
    }
    if (!from.contains(bot.status)) {
      if (fleetReport) {
        return false;
      }
      throw new ProblemException(
          409,
          "invalid-transition",
          "Status change not allowed",
          "The bot of tenant "
              + bot.tenantId
              + " is "
              + bot.status.wireName()
              + " and cannot be "
              + VERBS.get(this),
          Map.of("bot_status", bot.status.wireName()));
    }
    bot.status = target;
    bot.statusReason = reason;
    bot.updatedAt = now;
    return true;
  }
}
