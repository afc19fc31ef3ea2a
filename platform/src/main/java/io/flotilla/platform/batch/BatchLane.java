package io.flotilla.platform.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Group commit for a hot path: requests that arrive while earlier batches are in the database are
 * carried out together by the next one, so a burst costs one statement and one commit per batch
 * instead of one per request. At most {@code maxInFlight} batches run at once. With no contention a
 * batch is a single request, so nothing ever waits for a timer.
 *
 * @param <I> a request
 * @param <O> its outcome
 */
public final class BatchLane<I, O> {

  private final int maxBatch;
  private final int maxInFlight;
  private final Function<List<I>, Uni<List<O>>> action;
  private final Queue<Waiting<I, O>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param action carries out a batch; answers with one outcome per request, in the requests'
   *     order. Its failure fails every request of the batch.
   */
  public BatchLane(int maxBatch, int maxInFlight, Function<List<I>, Uni<List<O>>> action) {
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("A lane needs room for one batch of one request");
    }
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.action = action;
  }

  /** Carries out the request in the next batch; the outcome comes back on the caller's context. */
  public Uni<O> submit(I request) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              queue.add(new Waiting<>(request, emitter, Vertx.currentContext()));
              drain();
            });
  }

  private void drain() {
    while (!queue.isEmpty() && claimSlot()) {
      List<Waiting<I, O>> batch = new ArrayList<>();
      for (Waiting<I, O> next = queue.poll(); next != null; next = queue.poll()) {
        batch.add(next);
        if (batch.size() == maxBatch) {
          break;
        }
      }
      if (batch.isEmpty()) {
        inFlight.decrementAndGet();
        continue;
      }
      run(batch);
    }
  }

  private boolean claimSlot() {
    for (int running = inFlight.get(); running < maxInFlight; running = inFlight.get()) {
      if (inFlight.compareAndSet(running, running + 1)) {
        return true;
      }
    }
    return false;
  }

  private void run(List<Waiting<I, O>> batch) {
    Uni<List<O>> outcomes;
    try {
      outcomes = action.apply(batch.stream().map(Waiting::request).toList());
    } catch (RuntimeException failure) {
      outcomes = Uni.createFrom().failure(failure);
    }
    outcomes
        .subscribe()
        .with(answers -> settle(batch, answers, null), failure -> settle(batch, null, failure));
  }

  private void settle(List<Waiting<I, O>> batch, List<O> answers, Throwable failure) {
    inFlight.decrementAndGet();
    try {
      if (failure == null && answers.size() != batch.size()) {
        failure =
            new IllegalStateException(answers.size() + " outcomes for a batch of " + batch.size());
      }
      for (int i = 0; i < batch.size(); i++) {
        if (failure == null) {
          batch.get(i).complete(answers.get(i));
        } else {
          batch.get(i).fail(failure);
        }
      }
    } finally {
      // Whatever a caller does with its answer, the requests queued meanwhile get their batch.
      drain();
    }
  }

  /** A request waiting for its batch, and where to hand the outcome back. */
  private record Waiting<I, O>(I request, UniEmitter<? super O> emitter, Context context) {

    void complete(O outcome) {
      answer(() -> emitter.complete(outcome));
    }

    void fail(Throwable failure) {
      answer(() -> emitter.fail(failure));
    }

    /** Back on the request's own Vert.x context, which holds its session and request state. */
    private void answer(Runnable action) {
      if (context == null) {
        action.run();
      } else {
        context.runOnContext(ignored -> action.run());
      }
    }
  }
}
