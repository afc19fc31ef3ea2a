package io.flotilla.fleet.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChatLanesTest {

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final Map<Long, AtomicInteger> runningPerBot = new ConcurrentHashMap<>();
  private final AtomicInteger mostOfOneBot = new AtomicInteger();

  @Test
  void oneChatRunsInOrderOneAtATime() {
    ChatLanes lanes = new ChatLanes(8, 100);
    List<Integer> done = new CopyOnWriteArrayList<>();

    List<Uni<Void>> all =
        IntStream.range(0, 50)
            .mapToObj(i -> lanes.submit(1, 10, () -> work(1, done, i)).memoize().indefinitely())
            .toList();
    all.forEach(uni -> uni.subscribe().with(x -> {}));
    Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(30));

    assertThat(done).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
    assertThat(mostAtOnce.get()).isEqualTo(1);
    assertThat(lanes.pending(1)).isZero();
  }

  @Test
  void chatsRunTogetherWithinTheBoundsPerBotAndOverall() {
    ChatLanes lanes = new ChatLanes(4, 6);
    List<Integer> done = new CopyOnWriteArrayList<>();

    List<Uni<Void>> all =
        IntStream.range(0, 60)
            .mapToObj(
                i -> lanes.submit(i % 3, i, () -> work(i % 3, done, i)).memoize().indefinitely())
            .toList();
    all.forEach(uni -> uni.subscribe().with(x -> {}));
    Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(30));

    assertThat(done).hasSize(60);
    assertThat(mostAtOnce.get()).isEqualTo(6);
    assertThat(mostOfOneBot.get()).isLessThanOrEqualTo(4);
  }

  @Test
  void aFailureEndsItsWorkAndTheChatGoesOn() {
    ChatLanes lanes = new ChatLanes(1, 1);
    List<Integer> done = new CopyOnWriteArrayList<>();

    Uni<Void> failing =
        lanes.submit(1, 1, () -> Uni.createFrom().failure(new IllegalStateException("handler")));
    Uni<Void> next = lanes.submit(1, 1, () -> work(1, done, 2));

    assertThat(failing.onFailure().recoverWithItem(e -> null).await().atMost(Duration.ofSeconds(5)))
        .isNull();
    next.await().atMost(Duration.ofSeconds(5));
    assertThat(done).containsExactly(2);
  }

  private Uni<Void> work(long bot, List<Integer> done, int value) {
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    AtomicInteger ofBot = runningPerBot.computeIfAbsent(bot, b -> new AtomicInteger());
    mostOfOneBot.accumulateAndGet(ofBot.incrementAndGet(), Math::max);
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 15)))
        .invoke(
            () -> {
              running.decrementAndGet();
              ofBot.decrementAndGet();
              done.add(value);
            });
  }
}
