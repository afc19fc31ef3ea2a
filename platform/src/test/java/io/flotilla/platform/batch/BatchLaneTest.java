package io.flotilla.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchLaneTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** A batch action the test finishes by hand, recording every batch it was given. */
  private static final class HeldAction {
    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<List<String>>> answers = new CopyOnWriteArrayList<>();

    Uni<List<String>> run(List<Integer> batch) {
      batches.add(batch);
      CompletableFuture<List<String>> answer = new CompletableFuture<>();
      answers.add(answer);
      return Uni.createFrom().completionStage(answer);
    }

    void answer(int batch) {
      answers.get(batch).complete(batches.get(batch).stream().map(i -> "done " + i).toList());
    }
  }

  private static List<CompletableFuture<String>> submitEach(
      BatchLane<Integer, String> lane, int from, int to) {
    List<CompletableFuture<String>> outcomes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      outcomes.add(lane.submit(i).subscribeAsCompletionStage());
    }
    return outcomes;
  }

  @Test
  void requestsArrivingWhileABatchRunsGoTogetherInTheNext() {
    HeldAction action = new HeldAction();
    BatchLane<Integer, String> lane = new BatchLane<>(64, 1, action::run);

    List<CompletableFuture<String>> first = submitEach(lane, 0, 1);
    List<CompletableFuture<String>> waiting = submitEach(lane, 1, 6);

    assertThat(action.batches).containsExactly(List.of(0));
    action.answer(0);
    assertThat(first.getFirst()).succeedsWithin(WAIT).isEqualTo("done 0");
    assertThat(action.batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5));
    action.answer(1);
    assertThat(waiting)
        .extracting(outcome -> outcome.join())
        .containsExactly("done 1", "done 2", "done 3", "done 4", "done 5");
  }

  @Test
  void batchesAreCappedInSizeAndInNumberRunning() {
    HeldAction action = new HeldAction();
    BatchLane<Integer, String> lane = new BatchLane<>(3, 2, action::run);

    submitEach(lane, 0, 2);
    List<CompletableFuture<String>> queued = submitEach(lane, 2, 9);

    assertThat(action.batches).containsExactly(List.of(0), List.of(1));
    action.answer(1);
    assertThat(action.batches).hasSize(3).last().isEqualTo(List.of(2, 3, 4));
    action.answer(0);
    assertThat(action.batches).hasSize(4).last().isEqualTo(List.of(5, 6, 7));
    action.answer(2);
    action.answer(3);
    assertThat(action.batches).hasSize(5).last().isEqualTo(List.of(8));
    action.answer(4);
    assertThat(queued).allSatisfy(outcome -> assertThat(outcome).succeedsWithin(WAIT));
  }

  @Test
  void aFailedBatchFailsEachOfItsRequestsAndTheLaneGoesOn() {
    HeldAction action = new HeldAction();
    BatchLane<Integer, String> lane = new BatchLane<>(64, 1, action::run);

    CompletableFuture<String> first = lane.submit(1).subscribeAsCompletionStage();
    List<CompletableFuture<String>> second = submitEach(lane, 2, 4);
    action.answers.getFirst().completeExceptionally(new IllegalStateException("database gone"));

    assertThat(first).failsWithin(WAIT);
    action.answers.get(1).completeExceptionally(new IllegalStateException("still gone"));
    assertThat(second).allSatisfy(outcome -> assertThat(outcome).failsWithin(WAIT));
    CompletableFuture<String> later = lane.submit(9).subscribeAsCompletionStage();
    action.answer(2);
    assertThat(later).succeedsWithin(WAIT).isEqualTo("done 9");
  }

  @Test
  void anActionThatThrowsOrAnswersTheWrongNumberFailsItsBatch() {
    BatchLane<Integer, String> throwing =
        new BatchLane<>(
            8,
            1,
            batch -> {
              throw new IllegalArgumentException("bad batch");
            });
    assertThatThrownBy(() -> throwing.submit(1).await().atMost(WAIT))
        .hasMessageContaining("bad batch");

    BatchLane<Integer, String> miscounting =
        new BatchLane<>(8, 1, batch -> Uni.createFrom().item(List.of()));
    assertThatThrownBy(() -> miscounting.submit(1).await().atMost(WAIT))
        .hasMessageContaining("0 outcomes for a batch of 1");
    assertThat(
            miscounting.submit(2).onFailure().recoverWithItem("failed again").await().atMost(WAIT))
        .isEqualTo("failed again");
  }

  @Test
  void requestsSubmittedTogetherShareABatchEvenOnAnIdleLane() {
    HeldAction action = new HeldAction();
    BatchLane<Integer, String> lane = new BatchLane<>(64, 4, action::run);

    CompletableFuture<List<String>> outcomes =
        lane.submitAll(List.of(1, 2, 3, 4, 5)).subscribeAsCompletionStage();

    assertThat(action.batches).containsExactly(List.of(1, 2, 3, 4, 5));
    action.answer(0);
    assertThat(outcomes)
        .succeedsWithin(WAIT)
        .isEqualTo(List.of("done 1", "done 2", "done 3", "done 4", "done 5"));
    assertThat(lane.submitAll(List.of()).await().atMost(WAIT)).isEmpty();
  }

  @Test
  void requestsSubmittedTogetherBeyondTheCapAnswerOnceAllTheirBatchesHave() {
    HeldAction action = new HeldAction();
    BatchLane<Integer, String> lane = new BatchLane<>(3, 2, action::run);

    CompletableFuture<List<String>> outcomes =
        lane.submitAll(List.of(0, 1, 2, 3, 4, 5, 6)).subscribeAsCompletionStage();

    assertThat(action.batches).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5));
    action.answer(1);
    action.answer(0);
    assertThat(outcomes).isNotDone();
    assertThat(action.batches).hasSize(3).last().isEqualTo(List.of(6));
    action.answer(2);
    assertThat(outcomes)
        .succeedsWithin(WAIT)
        .isEqualTo(List.of("done 0", "done 1", "done 2", "done 3", "done 4", "done 5", "done 6"));
  }

  @Test
  void requestsSubmittedTogetherFailTogetherWhenOneOfTheirBatchesFails() {
    HeldAction action = new HeldAction();
    BatchLane<Integer, String> lane = new BatchLane<>(2, 2, action::run);

    CompletableFuture<List<String>> outcomes =
        lane.submitAll(List.of(1, 2, 3, 4)).subscribeAsCompletionStage();
    action.answer(0);
    action.answers.get(1).completeExceptionally(new IllegalStateException("database gone"));

    assertThat(outcomes).failsWithin(WAIT);
  }
}
