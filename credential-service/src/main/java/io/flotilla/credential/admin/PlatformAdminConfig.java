package io.flotilla.credential.admin;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Platform admins fixed by configuration. */
@ConfigMapping(prefix = "flotilla.admins")
public interface PlatformAdminConfig {

  /**
   * Telegram user ids of platform admins ({@code FLOTILLA_ADMIN_TELEGRAM_IDS}, comma-separated).
   */
  Optional<List<Long>> telegramIds();
}
