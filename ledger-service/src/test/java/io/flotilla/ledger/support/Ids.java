package io.flotilla.ledger.support;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Fresh ids, so tests sharing one database never see each other's accounts. */
public final class Ids {

  private static final AtomicLong NEXT =
      new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20) * 1000L);

  private Ids() {}

  public static String agent() {
    return "agent-" + suffix();
  }

  public static String tenant() {
    return "shop-" + suffix();
  }

  public static String order() {
    return "order-" + suffix();
  }

  public static long customer() {
    return 1_000_000_000L + NEXT.incrementAndGet();
  }

  /** A currency of the test's own, so platform totals in it are the test's alone. */
  public static String currency() {
    return "T" + Long.toString(NEXT.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
  }

  private static String suffix() {
    return Long.toString(NEXT.incrementAndGet(), 36);
  }
}
