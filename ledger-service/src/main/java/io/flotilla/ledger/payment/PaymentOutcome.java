package io.flotilla.ledger.payment;

/** A payment's result and whether this call made it (201) or found it made before (200). */
public record PaymentOutcome(PaymentResult result, boolean created) {}
