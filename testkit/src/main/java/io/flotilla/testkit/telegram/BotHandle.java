package io.flotilla.testkit.telegram;

/** A bot registered in the emulator; the token is what the bot uses to call the API. */
public record BotHandle(long id, String username, String firstName, String token) {}
