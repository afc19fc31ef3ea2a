package io.flotilla.credential.bot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The fleet's report that a bot cannot serve, e.g. Telegram answered 401. */
public record BotFailureReport(@NotBlank @Size(max = 500) String reason) {}
