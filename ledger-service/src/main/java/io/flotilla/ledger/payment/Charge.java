package io.flotilla.ledger.payment;

import io.flotilla.ledger.book.Leg;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A payment ready to be booked: the order, its totals, the wallet it debits, the accounts it
 * credits and its id, chosen before it is written so that a batch can report it.
 */
record Charge(
    UUID paymentId,
    PaymentRequest request,
    Priced priced,
    long walletAccountId,
    List<Leg> credits,
    Instant paidAt) {

  /** The wallet's debit followed by the credits; they sum to zero. */
  List<Leg> legs() {
    List<Leg> legs = new ArrayList<>(credits.size() + 1);
    legs.add(new Leg(walletAccountId, 0, -priced.amount()));
    legs.addAll(credits);
    return legs;
  }

  PaymentResult result(Instant maturesAt, long walletBalanceAfter) {
    return new PaymentResult(
        paymentId,
        request.orderId(),
        "paid",
        priced.amount(),
        priced.currency(),
        paidAt,
        maturesAt,
        walletBalanceAfter);
  }
}
