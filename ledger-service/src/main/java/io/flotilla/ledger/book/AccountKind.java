package io.flotilla.ledger.book;

/**
 * What an account holds. Balances are signed: a positive balance is money the platform holds for
 * that purpose; {@link #PLATFORM_CASH_IN} mirrors every top-up through the central payment channel
 * and {@link #PLATFORM_STARS_IN} every top-up paid in Telegram Stars (both go negative as money
 * comes in), and {@link #AGENT_RECEIVABLE} is negative by what an agent owes after a refund of
 * matured profit.
 */
public enum AccountKind {
  CUSTOMER_WALLET(true, false),
  AGENT_PENDING(false, true),
  AGENT_AVAILABLE(true, false),
  AGENT_HELD(true, false),
  AGENT_PAID_OUT(false, false),
  AGENT_RECEIVABLE(false, false),
  PLATFORM_REVENUE(false, true),
  PLATFORM_CASH_IN(false, true),
  PLATFORM_STARS_IN(false, true);

  /** Owner id of the platform's own accounts. */
  public static final String PLATFORM = "platform";

  private final boolean nonNegative;
  private final boolean hot;

  AccountKind(boolean nonNegative, boolean hot) {
    this.nonNegative = nonNegative;
    this.hot = hot;
  }

  /** Whether the database refuses any posting that would take the balance below zero. */
  public boolean nonNegative() {
    return nonNegative;
  }

  /** Whether every payment or top-up credits it, so its balance is spread over several rows. */
  public boolean hot() {
    return hot;
  }

  public String dbName() {
    return name().toLowerCase();
  }

  public static AccountKind fromDb(String name) {
    return valueOf(name.toUpperCase());
  }
}
