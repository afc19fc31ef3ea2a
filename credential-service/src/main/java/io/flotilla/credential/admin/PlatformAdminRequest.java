package io.flotilla.credential.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The Telegram user to make a platform admin. */
public record PlatformAdminRequest(@NotNull @Positive Long telegramId) {}
