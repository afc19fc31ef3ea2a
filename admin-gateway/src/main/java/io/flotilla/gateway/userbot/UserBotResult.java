package io.flotilla.gateway.userbot;

/** What creating, verifying or removing a person's bot did, in the seed's field names. */
public record UserBotResult(
    boolean success, String botUsername, Long botId, String status, String message) {}
