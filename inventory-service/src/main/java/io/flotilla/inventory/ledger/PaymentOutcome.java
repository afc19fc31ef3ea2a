package io.flotilla.inventory.ledger;

import io.flotilla.platform.problem.ProblemException;

/** What asking the ledger for a payment established. */
public sealed interface PaymentOutcome {

  /** The ledger booked the payment (now or earlier). */
  record Paid(Payment payment) implements PaymentOutcome {}

  /** The ledger answered that it booked nothing: the reservation may go back. */
  record Refused(ProblemException problem) implements PaymentOutcome {

    public boolean insufficientFunds() {
      return "insufficient-funds".equals(problem.slug());
    }
  }

  /**
   * The outcome is not known (timeout, ledger down, an answer that does not settle it): the order
   * stays reserved until the ledger says what happened.
   */
  record Unknown(String why) implements PaymentOutcome {}
}
