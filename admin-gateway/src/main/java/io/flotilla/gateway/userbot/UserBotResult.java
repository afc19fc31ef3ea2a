package io.flotilla.gateway.userbot;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What creating, verifying or removing a person's bot did, in the seed's field names. */
public record UserBotResult(
    @Schema(required = true) boolean success,
    @Schema(nullable = true, description = "Absent once the bot is removed") String botUsername,
    @Schema(nullable = true, description = "Absent once the bot is removed") Long botId,
    @Schema(required = true) String status,
    @Schema(required = true) String message) {}
