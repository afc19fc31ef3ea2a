package io.flotilla.ledger.topup;

import io.flotilla.ledger.Currencies;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The payment provider's notice that the top-up with this reference was paid. */
public record ProviderCallback(
    @NotBlank @Size(max = 32) String reference,
    @NotBlank
        @Size(max = 128)
        @Pattern(regexp = "[A-Za-z0-9:_.-]+", message = "must be a transaction id")
        String providerTransactionId,
    @NotNull @Positive Long amount,
    @NotBlank @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE)
        String currency) {}
