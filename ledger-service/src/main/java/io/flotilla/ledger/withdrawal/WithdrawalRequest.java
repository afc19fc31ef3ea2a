package io.flotilla.ledger.withdrawal;

import io.flotilla.ledger.Currencies;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An agent asks to withdraw from its available profit; without {@code payout_address} the one in
 * the agent's settings is used.
 */
public record WithdrawalRequest(
    @NotNull @Positive Long amount,
    @Pattern(regexp = Currencies.PATTERN, message = Currencies.MESSAGE) String currency,
    @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9:_-]+", message = "must be a wallet address")
        String payoutAddress) {}
