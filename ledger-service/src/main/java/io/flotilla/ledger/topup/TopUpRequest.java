package io.flotilla.ledger.topup;

import io.flotilla.ledger.Currencies;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A customer of a shop (master or agent) asks to top up their wallet. */
public record TopUpRequest(
    @NotBlank @Size(max = 64) String tenantId,
    @NotNull @Positive Long customerId,
    @NotNull @Positive Long amount,
    @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE) String currency) {}
