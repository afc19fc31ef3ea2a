package io.flotilla.credential.bot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The fleet's report about a bot it runs, e.g. that Telegram answered 401 or keeps answering 429.
 */
public record FleetReport(@NotBlank @Size(max = 500) String reason) {}
