package io.flotilla.fleet.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inbound flood control per person and bot: a token bucket of {@code burst} updates refilled at
 * {@code perSecond}. A person who empties it is muted for {@code muteNanos}: their first update
 * over the limit gets one polite notice ({@link Verdict#NOTIFY}), the rest are dropped, and after
 * the mute they start with a full bucket. Pure: the caller passes the clock. Remembers the most
 * recently active people only, so memory stays bounded whatever the traffic.
 */
public final class FloodGuard {

  /** What to do with an update. */
  public enum Verdict {
    HANDLE,
    NOTIFY,
    DROP
  }

  private static final int TRACKED_PEOPLE = 100_000;

  private final double perSecond;
  private final double burst;
  private final long muteNanos;
  private final Map<Key, Bucket> buckets =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Bucket> eldest) {
          return size() > TRACKED_PEOPLE;
        }
      };

  public FloodGuard(double perSecond, int burst, long muteNanos) {
    if (perSecond <= 0 || burst < 1 || muteNanos < 0) {
      throw new IllegalArgumentException("flood limits must be positive");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.muteNanos = muteNanos;
  }

  public synchronized Verdict check(long botId, long userId, long nowNanos) {
    Key key = new Key(botId, userId);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = new Bucket(burst, nowNanos);
      buckets.put(key, bucket);
    }
    if (bucket.mutedUntil != Long.MIN_VALUE) {
      if (nowNanos < bucket.mutedUntil) {
        return Verdict.DROP;
      }
      bucket.mutedUntil = Long.MIN_VALUE;
      bucket.tokens = burst;
      bucket.refilledAt = nowNanos;
    }
    bucket.tokens =
        Math.min(burst, bucket.tokens + (nowNanos - bucket.refilledAt) / 1e9 * perSecond);
    bucket.refilledAt = nowNanos;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Verdict.HANDLE;
    }
    bucket.mutedUntil = nowNanos + muteNanos;
    return Verdict.NOTIFY;
  }

  private record Key(long botId, long userId) {}

  private static final class Bucket {
    double tokens;
    long refilledAt;
    long mutedUntil = Long.MIN_VALUE;

    Bucket(double tokens, long refilledAt) {
      this.tokens = tokens;
      this.refilledAt = refilledAt;
    }
  }
}
