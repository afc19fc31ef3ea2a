package io.flotilla.contracts.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits. They sort
 * by creation time, as values and as text, so a table keyed by them grows at the end of its indexes
 * instead of at random places: the pages an insert touches stay few and in memory however large the
 * table gets. Ids of orders, payments and events are made here; they reveal when they were made,
 * and nothing else.
 */
public final class TimeOrderedIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long VERSION_7 = 0x7000L;
  private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

  private TimeOrderedIds() {}

  public static UUID next() {
    return at(System.currentTimeMillis());
  }

  static UUID at(long unixMillis) {
    long high = (unixMillis << 16) | VERSION_7 | (RANDOM.nextInt() & 0x0FFFL);
    long low = VARIANT_RFC | (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
    return new UUID(high, low);
  }
}
