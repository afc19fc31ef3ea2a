package io.flotilla.fleet.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboundLimiterTest {

  private static final long T0 = 1_000_000_000L;
  private static final long PRIVATE_CHAT = 1001;
  private static final long GROUP_CHAT = -1001;

  @Test
  void spacesABotsCallsEvenlyAtItsRate() {
    OutboundLimiter limiter = new OutboundLimiter(20);

    assertThat(limiter.reserve(T0)).isZero();
    assertThat(limiter.reserve(T0)).isEqualTo(Duration.ofMillis(50));
    assertThat(limiter.reserve(T0)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aPrivateChatGetsAtMostOneMessagePerSecond() {
    OutboundLimiter limiter = new OutboundLimiter(30);

    assertThat(limiter.reserve(PRIVATE_CHAT, T0)).isZero();
    assertThat(limiter.reserve(PRIVATE_CHAT, T0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.reserve(PRIVATE_CHAT + 1, T0))
        .as("another chat is only held back by the bot's own rate")
        .isLessThan(Duration.ofMillis(100));
  }

  @Test
  void aGroupGetsAtMostTwentyMessagesPerMinute() {
    OutboundLimiter limiter = new OutboundLimiter(30);

    limiter.reserve(GROUP_CHAT, T0);
    assertThat(limiter.reserve(GROUP_CHAT, T0)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterHoldsEverythingBack() {
    OutboundLimiter limiter = new OutboundLimiter(30);

    limiter.pause(Duration.ofSeconds(7), T0);

    assertThat(limiter.reserve(T0)).isEqualTo(Duration.ofSeconds(7));
    assertThat(limiter.reserve(PRIVATE_CHAT, T0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aNewRateAppliesToTheNextReservation() {
    OutboundLimiter limiter = new OutboundLimiter(1);
    limiter.reserve(T0);

    limiter.changeRate(10);
    limiter.reserve(T0 + Duration.ofSeconds(1).toNanos());

    assertThat(limiter.reserve(T0 + Duration.ofSeconds(1).toNanos()))
        .isEqualTo(Duration.ofMillis(100));
    assertThatThrownBy(() -> limiter.changeRate(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
