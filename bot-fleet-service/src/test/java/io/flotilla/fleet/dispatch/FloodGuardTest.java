package io.flotilla.fleet.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fleet.dispatch.FloodGuard.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodGuardTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private final FloodGuard guard = new FloodGuard(2, 5, 10 * SECOND);

  @Test
  void aBurstPassesThenOneNoticeThenSilenceUntilTheMuteEnds() {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      verdicts.add(guard.check(1, 42, i * SECOND / 100));
    }

    assertThat(verdicts.subList(0, 5)).containsOnly(Verdict.HANDLE);
    assertThat(verdicts.get(5)).isEqualTo(Verdict.NOTIFY);
    assertThat(verdicts).containsOnlyOnce(Verdict.NOTIFY);
    assertThat(verdicts.getLast()).isEqualTo(Verdict.DROP);
    assertThat(guard.check(1, 42, 10 * SECOND)).isEqualTo(Verdict.DROP);
    assertThat(guard.check(1, 42, 12 * SECOND)).isEqualTo(Verdict.HANDLE);
  }

  @Test
  void aSteadyPaceUnderTheRateIsNeverLimited() {
    for (int i = 0; i < 1000; i++) {
      assertThat(guard.check(1, 42, i * SECOND)).isEqualTo(Verdict.HANDLE);
    }
  }

  @Test
  void peopleAndBotsAreCountedApart() {
    for (int i = 0; i < 20; i++) {
      guard.check(1, 42, 0);
    }

    assertThat(guard.check(1, 42, 0)).isEqualTo(Verdict.DROP);
    assertThat(guard.check(1, 43, 0)).isEqualTo(Verdict.HANDLE);
    assertThat(guard.check(2, 42, 0)).isEqualTo(Verdict.HANDLE);
  }
}
