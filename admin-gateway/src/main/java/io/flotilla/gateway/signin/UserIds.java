package io.flotilla.gateway.signin;

/**
 * A signed-in person's ids: the user id is their Telegram id, and the tenant of their own bot is
 * {@code user:<telegram id>}, as the credential service names users' tenants.
 */
public final class UserIds {

  private UserIds() {}

  public static String tenantOf(long telegramId) {
    return "user:" + telegramId;
  }
}
