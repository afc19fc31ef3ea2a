package io.flotilla.credential.master;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A Telegram login the gateway received, to be checked against the master bot's token: the flow
 * that signed it, its data-check-string (every field but the hash, sorted, key=value per line) and
 * the hash Telegram sent.
 */
public record TelegramLoginCheck(
    @NotNull
        @Pattern(regexp = "login_widget|mini_app", message = "must be login_widget or mini_app")
        String flow,
    @NotNull @Size(max = 16384) String dataCheckString,
    @NotBlank @Size(max = 128) String hash) {}
