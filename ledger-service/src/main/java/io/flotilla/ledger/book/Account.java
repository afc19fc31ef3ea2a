package io.flotilla.ledger.book;

/** An open account: its id and how many balance rows (slots) it keeps. */
public record Account(long id, AccountKey key, int slots) {

  /**
   * The slot a credit goes to: spread by a key of the operation so that concurrent postings to a
   * hot account touch different rows. Debits and single-slot accounts use slot 0; only the sum of
   * the slots is the balance.
   */
  public int slotFor(String spreadKey) {
    return slots == 1 ? 0 : Math.floorMod(spreadKey.hashCode(), slots);
  }
}
