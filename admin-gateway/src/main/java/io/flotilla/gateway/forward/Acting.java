package io.flotilla.gateway.forward;

import io.flotilla.gateway.auth.Identities;
import io.flotilla.gateway.signin.UserIds;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Map;

/**
 * Who a forwarded call is made for, the one way every route tells the services: an admin route
 * sends {@code X-Flotilla-Admin: <admin id>} (the credential's id, or {@code tg:<telegram id>} for
 * an admin signed in with Telegram), which the services record in their audit logs; a user route
 * sends {@code X-Flotilla-User: user:<telegram id>}, the person's tenant.
 */
public final class Acting {

  /** Header naming the admin a call is made for. */
  public static final String ADMIN_HEADER = "X-Flotilla-Admin";

  /** Header naming the person (their tenant) a call is made for. */
  public static final String USER_HEADER = "X-Flotilla-User";

  private Acting() {}

  /** The header for a call made in {@code role} by {@code identity}. */
  public static Map<String, String> headers(SecurityIdentity identity, String role) {
    if (Identities.ADMIN.equals(role)) {
      return Map.of(ADMIN_HEADER, identity.getPrincipal().getName());
    }
    return user(Identities.telegramId(identity));
  }

  /** The header for a call made for the person with this Telegram id. */
  public static Map<String, String> user(long telegramId) {
    return Map.of(USER_HEADER, UserIds.tenantOf(telegramId));
  }
}
