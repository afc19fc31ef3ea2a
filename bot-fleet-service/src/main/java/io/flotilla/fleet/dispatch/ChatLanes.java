package io.flotilla.fleet.dispatch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs work per chat strictly in order, one piece at a time, while different chats and different
 * bots run concurrently: at most {@code maxPerBot} chats of one bot and {@code maxTotal} chats in
 * all at once. A chat whose next update waits for a permit queues behind chats that waited longer,
 * so a busy chat or a busy bot cannot starve the others. Never blocks a thread: work is a {@link
 * Uni}, started when its turn comes.
 */
final class ChatLanes {

  private final int maxPerBot;
  private final int maxTotal;
  private final Map<LaneKey, Lane> lanes = new HashMap<>();
  private final Map<Long, int[]> activePerBot = new HashMap<>();
  private final Map<Long, int[]> pendingPerBot = new HashMap<>();
  private final ArrayDeque<Lane> waiting = new ArrayDeque<>();
  private int active;

  ChatLanes(int maxPerBot, int maxTotal) {
    this.maxPerBot = maxPerBot;
    this.maxTotal = maxTotal;
  }

  /** Queues work behind the chat's earlier work; the result completes when the work has run. */
  Uni<Void> submit(long botId, long chatId, Supplier<Uni<Void>> work) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              synchronized (this) {
                Lane lane = lanes.computeIfAbsent(new LaneKey(botId, chatId), Lane::new);
                lane.jobs.add(new Job(work, emitter));
                pendingPerBot.computeIfAbsent(botId, id -> new int[1])[0]++;
                if (!lane.running && !lane.waiting) {
                  lane.waiting = true;
                  waiting.add(lane);
                }
              }
              pump();
            });
  }

  /** Updates of the bot queued or running; the poller waits while there are too many. */
  synchronized int pending(long botId) {
    int[] count = pendingPerBot.get(botId);
    return count == null ? 0 : count[0];
  }

  synchronized int active() {
    return active;
  }

  private void pump() {
    while (true) {
      Lane lane;
      Job job;
      synchronized (this) {
        lane = nextRunnable();
        if (lane == null) {
          return;
        }
        job = lane.jobs.poll();
        lane.running = true;
        active++;
        activePerBot.computeIfAbsent(lane.key.botId(), id -> new int[1])[0]++;
      }
      start(lane, job);
    }
  }

  private Lane nextRunnable() {
    if (active >= maxTotal) {
      return null;
    }
    Iterator<Lane> candidates = waiting.iterator();
    while (candidates.hasNext()) {
      Lane lane = candidates.next();
      int[] botActive = activePerBot.get(lane.key.botId());
      if (botActive == null || botActive[0] < maxPerBot) {
        candidates.remove();
        lane.waiting = false;
        return lane;
      }
    }
    return null;
  }

  private void start(Lane lane, Job job) {
    Uni<Void> work;
    try {
      work = job.work.get();
    } catch (RuntimeException e) {
      work = Uni.createFrom().failure(e);
    }
    work.subscribe()
        .with(
            done -> {
              finish(lane);
              job.emitter.complete(null);
            },
            failure -> {
              finish(lane);
              job.emitter.fail(failure);
            });
  }

  private void finish(Lane lane) {
    synchronized (this) {
      active--;
      long botId = lane.key.botId();
      if (--activePerBot.get(botId)[0] == 0) {
        activePerBot.remove(botId);
      }
      if (--pendingPerBot.get(botId)[0] == 0) {
        pendingPerBot.remove(botId);
      }
      lane.running = false;
      if (lane.jobs.isEmpty()) {
        lanes.remove(lane.key);
      } else {
        lane.waiting = true;
        waiting.add(lane);
      }
    }
    pump();
  }

  private record LaneKey(long botId, long chatId) {}

  private record Job(Supplier<Uni<Void>> work, UniEmitter<? super Void> emitter) {}

  private static final class Lane {
    final LaneKey key;
    final ArrayDeque<Job> jobs = new ArrayDeque<>();
    boolean running;
    boolean waiting;

    Lane(LaneKey key) {
      this.key = key;
    }
  }
}
