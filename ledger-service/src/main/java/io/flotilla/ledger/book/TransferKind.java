package io.flotilla.ledger.book;

/** Why money moved; with the reference it makes each business operation happen once. */
public enum TransferKind {
  TOP_UP,
  PAYMENT,
  REFUND,
  MATURITY,
  WITHDRAWAL_HOLD,
  WITHDRAWAL_RELEASE,
  WITHDRAWAL_PAYOUT;

  public String dbName() {
    return name().toLowerCase();
  }
}
