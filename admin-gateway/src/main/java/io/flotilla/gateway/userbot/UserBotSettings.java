package io.flotilla.gateway.userbot;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a person's bot says: the /start welcome and command → reply pairs. */
public record UserBotSettings(
    @Size(max = 4096) String welcomeText,
    @NotNull @Size(max = 100) List<@Valid @NotNull CommandReply> commands) {}
