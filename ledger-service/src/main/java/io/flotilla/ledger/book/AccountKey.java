package io.flotilla.ledger.book;

/**
 * Names one account: its kind, its owner (shop tenant for a wallet, agent id, or {@link
 * AccountKind#PLATFORM}), the customer for a wallet (0 otherwise) and its currency.
 */
public record AccountKey(AccountKind kind, String ownerId, long customerId, String currency) {

  public static AccountKey wallet(String tenantId, long customerId, String currency) {
    return new AccountKey(AccountKind.CUSTOMER_WALLET, tenantId, customerId, currency);
  }

  public static AccountKey agent(AccountKind kind, String agentId, String currency) {
    return new AccountKey(kind, agentId, 0, currency);
  }

  public static AccountKey platform(AccountKind kind, String currency) {
    return new AccountKey(kind, AccountKind.PLATFORM, 0, currency);
  }
}
