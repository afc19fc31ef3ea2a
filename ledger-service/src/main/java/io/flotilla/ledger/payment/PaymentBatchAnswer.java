package io.flotilla.ledger.payment;

import java.util.List;

/** The answers to a batch of payments, in the order they were asked. */
public record PaymentBatchAnswer(List<PaymentBatchItem> results) {}
