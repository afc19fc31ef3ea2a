package io.flotilla.credential.admin;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who the platform admins are: everyone ({@code telegram_ids}), and where each comes from —
 * configuration, which only a restart changes, or added at run time. Each list ascending.
 */
public record PlatformAdminsView(List<Long> telegramIds, List<Long> configured, List<Long> added) {

  static PlatformAdminsView of(SortedSet<Long> configured, List<Long> added) {
    TreeSet<Long> everyone = new TreeSet<>(configured);
    everyone.addAll(added);
    return new PlatformAdminsView(List.copyOf(everyone), List.copyOf(configured), added);
  }
}
