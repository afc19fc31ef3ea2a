package io.flotilla.platform.telegram;

/** What {@code getMe} says about a bot. */
public record BotIdentity(long id, String username, String firstName) {}
