package io.flotilla.ledger.withdrawal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The transaction id of the payout; unique across the platform. */
public record PayRequest(
    @NotBlank
        @Size(max = 128)
        @Pattern(regexp = "[A-Za-z0-9:_-]+", message = "must be a transaction id")
        String txid) {}
