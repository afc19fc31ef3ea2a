package io.flotilla.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void anIdIsAVersion7UuidCarryingItsMillisecond() {
    long millis = Instant.parse("2026-11-24T10:00:00.123Z").toEpochMilli();

    UUID id = TimeOrderedIds.at(millis);

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    assertThat(id.toString())
        .startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnesAsValuesAndAsText() {
    long start = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
    List<UUID> ids = new ArrayList<>();
    for (long millis = start; millis < start + 2_000; millis += 7) {
      ids.add(TimeOrderedIds.at(millis));
    }

    assertThat(ids).isSorted();
    assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
  }

  @Test
  void idsOfOneMillisecondDifferInTheirRandomBits() {
    long millis = System.currentTimeMillis();
    HashSet<UUID> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(TimeOrderedIds.at(millis));
    }

    assertThat(ids).hasSize(10_000);
    assertThat(TimeOrderedIds.next().getMostSignificantBits() >>> 16)
        .isGreaterThanOrEqualTo(millis);
  }
}
