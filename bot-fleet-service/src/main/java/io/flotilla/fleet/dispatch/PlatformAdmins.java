package io.flotilla.fleet.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The Telegram user ids of the platform's admins, who get the admin commands in the master bot.
 * Replaced as a whole when the list changes, so a reader never sees half a change.
 */
@ApplicationScoped
public class PlatformAdmins {

  private volatile Set<Long> telegramIds = Set.of();

  public boolean contains(long telegramId) {
    return telegramIds.contains(telegramId);
  }

  public Set<Long> all() {
    return telegramIds;
  }

  public void replace(Set<Long> ids) {
    telegramIds = Set.copyOf(ids);
  }
}
