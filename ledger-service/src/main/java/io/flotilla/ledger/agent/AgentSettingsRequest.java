package io.flotilla.ledger.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An admin's change to an agent's settings. Only the fields present change; 0 for {@code
 * holding_window_seconds} or {@code min_withdrawal}, or an empty {@code payout_address}, goes back
 * to the platform default.
 */
public record AgentSettingsRequest(
    @Min(0) @Max(31_536_000) Long holdingWindowSeconds,
    @Min(0) Long minWithdrawal,
    @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9:_-]*", message = "must be a wallet address")
        String payoutAddress) {}
