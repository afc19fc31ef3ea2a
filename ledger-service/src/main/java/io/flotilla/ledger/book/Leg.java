package io.flotilla.ledger.book;

/** One side of a transfer: a signed amount posted to one slot of one account. */
public record Leg(long accountId, int slot, long amount) {

  public static Leg of(Account account, long amount) {
    return new Leg(account.id(), 0, amount);
  }

  public static Leg spread(Account account, String spreadKey, long amount) {
    return new Leg(account.id(), account.slotFor(spreadKey), amount);
  }
}
