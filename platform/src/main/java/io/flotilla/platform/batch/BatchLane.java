package io.flotilla.platform.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
    return submitAll(List.of(request)).map(List::getFirst);
  }

  /**
   * Carries out requests that arrived together in as few batches as the size cap allows (a single
   * {@link #submit} per request would start a batch with the first one alone). The outcomes come
   * back in the requests' order on the caller's context; if a batch fails, so does the whole list.
   */
  public Uni<List<O>> submitAll(List<I> requests) {
    if (requests.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Gathered<O> gathered = new Gathered<>(requests.size(), emitter);
              Context context = Vertx.currentContext();
              for (int i = 0; i < requests.size(); i++) {
                queue.add(new Waiting<>(requests.get(i), gathered, i, context));
              }
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

  /** The outcomes of requests submitted together, handed on when the last one is in. */
  private static final class Gathered<O> {

    private final AtomicReferenceArray<O> outcomes;
    private final AtomicInteger missing;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final UniEmitter<? super List<O>> emitter;

    Gathered(int size, UniEmitter<? super List<O>> emitter) {
      this.outcomes = new AtomicReferenceArray<>(size);
      this.missing = new AtomicInteger(size);
      this.emitter = emitter;
    }

    void complete(int index, O outcome) {
      outcomes.set(index, outcome);
      if (missing.decrementAndGet() == 0 && !failed.get()) {
        List<O> all = new ArrayList<>(outcomes.length());
        for (int i = 0; i < outcomes.length(); i++) {
          all.add(outcomes.get(i));
        }
        emitter.complete(Collections.unmodifiableList(all));
      }
    }

    void fail(Throwable failure) {
      if (failed.compareAndSet(false, true)) {
        emitter.fail(failure);
      }
    }
  }

  /** A request waiting for its batch, and where to hand the outcome back. */
  private record Waiting<I, O>(I request, Gathered<O> gathered, int index, Context context) {

    void complete(O outcome) {
      onContext(() -> gathered.complete(index, outcome));
    }

    void fail(Throwable failure) {
      onContext(() -> gathered.fail(failure));
    }

    /** Back on the request's own Vert.x context, which holds its session and request state. */
    private void onContext(Runnable action) {
      if (context == null) {
        action.run();
      } else {
        context.runOnContext(ignored -> action.run());
      }
    }
  }
}
