package io.flotilla.ledger.book;

/** One balance row: an account and one of its slots. */
public record BalanceRow(long accountId, int slot) {

  public static BalanceRow of(Account account) {
    return new BalanceRow(account.id(), 0);
  }
}
