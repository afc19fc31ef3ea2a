package io.flotilla.gateway.userbot;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What creating, verifying or removing a person's bot did, in the seed's field names. */
public record UserBotResult(
    boolean success,
    @Schema(nullable = true, description = "Absent once the bot is removed") String botUsername,
    @Schema(nullable = true, description = "Absent once the bot is removed") Long botId,
    String status,
    String message) {}
