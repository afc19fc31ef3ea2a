package io.flotilla.inventory;

/** Who an admin action is recorded for: the gateway names the admin in a header. */
public final class AdminActor {

  /** The admin on whose behalf the gateway calls. */
  public static final String HEADER = "X-Flotilla-Admin";

  /** Actor of actions with no admin behind them (recovery, automatic refunds, direct calls). */
  public static final String SYSTEM = "system";

  private AdminActor() {}

  public static String of(String header) {
    return header == null || header.isBlank() ? SYSTEM : header.strip();
  }
}
