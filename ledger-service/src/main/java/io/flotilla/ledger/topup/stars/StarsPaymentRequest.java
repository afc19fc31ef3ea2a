package io.flotilla.ledger.topup.stars;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Telegram's successful_payment for a Stars invoice: its unique charge id, who paid ({@code
 * from.id}) and how many Stars ({@code total_amount}).
 */
public record StarsPaymentRequest(
    @NotBlank
        @Size(max = 255)
        @Pattern(regexp = "[!-~]+", message = "must be a Telegram payment charge id")
        String telegramPaymentChargeId,
    @NotNull @Positive Long customerId,
    @NotNull @Positive Long stars) {}
