package io.flotilla.gateway.userbot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A command the bot answers with a fixed reply, e.g. {@code /prices}. */
public record CommandReply(
    @NotBlank
        @Pattern(
            regexp = "/?[a-z0-9_]{1,32}",
            message = "must be 1-32 lowercase letters, digits or _, optionally after /")
        String command,
    @NotBlank @Size(max = 4096) String reply) {}
