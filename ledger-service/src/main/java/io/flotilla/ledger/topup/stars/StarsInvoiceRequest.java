package io.flotilla.ledger.topup.stars;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A customer of a shop bot picked how many Stars to top up with. */
public record StarsInvoiceRequest(
    @NotBlank @Size(max = 64) String tenantId,
    @NotNull @Positive Long customerId,
    @NotNull @Positive Long stars) {}
