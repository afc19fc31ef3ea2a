package io.flotilla.gateway.auth;

import io.flotilla.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * What an identity carries besides its roles. A person signed in with Telegram, or calling with one
 * of their personal tokens, has the {@code user} role and their Telegram id.
 */
public final class Identities {

  /** Attribute holding the tenant a user credential belongs to. */
  public static final String TENANT_ATTRIBUTE = "flotilla.tenant";

  /** Attribute holding the Telegram id of the person behind a session or personal token. */
  public static final String TELEGRAM_ID_ATTRIBUTE = "flotilla.telegram-id";

  public static final String ADMIN = "admin";
  public static final String USER = "user";

  private Identities() {}

  /** The Telegram id of the person calling; a credential with none (the bootstrap admin) is 403. */
  public static long telegramId(SecurityIdentity identity) {
    Long telegramId = identity.getAttribute(TELEGRAM_ID_ATTRIBUTE);
    if (telegramId == null) {
      throw new ProblemException(
          403, "forbidden", "Forbidden", "This credential belongs to no signed-in person");
    }
    return telegramId;
  }
}
