package io.flotilla.ledger.topup;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An admin confirms a top-up was received, optionally naming the provider's transaction. */
public record ConfirmRequest(
    @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9:_.-]+", message = "must be a transaction id")
        String providerTransactionId) {}
