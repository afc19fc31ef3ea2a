package io.flotilla.ledger.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Several orders to pay in one call (inventory-service sends the orders reserved together). Each is
 * paid exactly as by its own call; the batch only saves the round trips.
 */
public record PaymentBatchRequest(
    @NotNull @Size(min = 1, max = MAX_PAYMENTS) List<@Valid @NotNull PaymentRequest> payments) {

  /** The most payments one call may carry. */
  public static final int MAX_PAYMENTS = 500;
}
