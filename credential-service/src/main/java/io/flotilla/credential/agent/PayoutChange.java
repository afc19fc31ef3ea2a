package io.flotilla.credential.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Where an agent's profit is paid out, and the smallest withdrawal they may request. */
public record PayoutChange(
    @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9]{16,128}",
            message = "must be a wallet address of 16 to 128 letters and digits")
        String payoutAddress,
    @NotNull @Min(0) @Max(1_000_000_000_000L) Long minimumWithdrawal) {}
