package io.flotilla.credential.bot;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An admin's new outbound limits for a bot. Telegram allows about 30 messages a second per bot;
 * paid broadcasts go higher, hence the ceiling.
 */
public record RateLimitChange(
    @NotNull @Min(1) @Max(1000) Integer requestsPerSecond,
    @NotNull @Min(1) @Max(1000) Integer maxConcurrentRequests) {}
