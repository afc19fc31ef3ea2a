package io.flotilla.credential.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.platform.problem.ProblemException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BotTransitionTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  /** The allowed moves, written out independently of the enum. */
  private static final Map<BotTransition, Set<BotStatus>> ALLOWED_FROM =
      Map.of(
          BotTransition.VERIFY, EnumSet.of(BotStatus.PENDING, BotStatus.ERROR),
          BotTransition.ACTIVATE,
              EnumSet.of(BotStatus.SUSPENDED, BotStatus.RATE_LIMITED, BotStatus.ERROR),
          BotTransition.SUSPEND,
              EnumSet.of(
                  BotStatus.PENDING, BotStatus.ACTIVE, BotStatus.RATE_LIMITED, BotStatus.ERROR),
          BotTransition.THROTTLE, EnumSet.of(BotStatus.ACTIVE),
          BotTransition.RECOVER, EnumSet.of(BotStatus.RATE_LIMITED),
          BotTransition.FAIL, EnumSet.of(BotStatus.ACTIVE, BotStatus.RATE_LIMITED),
          BotTransition.REMOVE, EnumSet.complementOf(EnumSet.of(BotStatus.REMOVED)));

  private static final Set<BotTransition> FLEET_REPORTS =
      EnumSet.of(BotTransition.THROTTLE, BotTransition.RECOVER, BotTransition.FAIL);

  @Test
  void onlyTheAllowedMovesHappen() {
    for (BotTransition transition : BotTransition.values()) {
      for (BotStatus from : BotStatus.values()) {
        Bot bot = bot(from);
        boolean allowed = ALLOWED_FROM.get(transition).contains(from);
        if (allowed) {
          assertThat(transition.apply(bot, "why", NOW)).isTrue();
          assertThat(bot.status).isEqualTo(transition.target());
          assertThat(bot.statusReason).isEqualTo("why");
          assertThat(bot.updatedAt).isEqualTo(NOW);
        } else if (from == transition.target() || FLEET_REPORTS.contains(transition)) {
          assertThat(transition.apply(bot, "why", NOW))
              .as("%s from %s", transition, from)
              .isFalse();
          assertThat(bot.status).isEqualTo(from);
        } else {
          assertThatThrownBy(() -> transition.apply(bot, "why", NOW))
              .as("%s from %s", transition, from)
              .isInstanceOf(ProblemException.class)
              .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(409));
          assertThat(bot.status).isEqualTo(from);
          assertThat(bot.updatedAt).isNull();
        }
      }
    }
  }

  private static Bot bot(BotStatus status) {
    Bot bot = new Bot();
    bot.tenantId = "user:1";
    bot.status = status;
    return bot;
  }
}
