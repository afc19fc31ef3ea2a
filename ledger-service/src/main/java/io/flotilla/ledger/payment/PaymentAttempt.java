package io.flotilla.ledger.payment;

import io.smallrye.mutiny.Uni;

/** What became of one payment of a batch: its outcome, or the failure its own call would get. */
public record PaymentAttempt(PaymentOutcome outcome, Throwable failure) {

  Uni<PaymentOutcome> toUni() {
    return failure == null ? Uni.createFrom().item(outcome) : Uni.createFrom().failure(failure);
  }
}
