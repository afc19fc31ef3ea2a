package io.flotilla.inventory.ledger;

import java.util.List;

/** Orders the ledger pays in one call, each as its own call would. */
public record PaymentBatch(List<PaymentRequest> payments) {}
