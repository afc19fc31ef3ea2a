package io.flotilla.credential.master;

/** Whether a login is signed with the master bot's token. */
public record TelegramLoginVerdict(boolean valid) {}
