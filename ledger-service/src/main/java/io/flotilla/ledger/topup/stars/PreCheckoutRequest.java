package io.flotilla.ledger.topup.stars;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Telegram's pre_checkout_query for a Stars invoice: who is paying ({@code from.id}) and how many
 * Stars ({@code total_amount}).
 */
public record PreCheckoutRequest(
    @NotNull @Positive Long customerId, @NotNull @Positive Long stars) {}
