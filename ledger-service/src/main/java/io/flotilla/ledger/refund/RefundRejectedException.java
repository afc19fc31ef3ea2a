package io.flotilla.ledger.refund;

/** A refund the ledger must not apply as sent: the order was never paid or the figures differ. */
public class RefundRejectedException extends RuntimeException {

  public RefundRejectedException(String message) {
    super(message, null, false, false);
  }
}
