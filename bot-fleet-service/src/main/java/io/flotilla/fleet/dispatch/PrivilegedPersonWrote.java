package io.flotilla.fleet.dispatch;

/**
 * An agent's owner, a user owning their bot, or a platform admin wrote to the bot for the first
 * time since this process started. Telegram takes a person's own command menu only once they have
 * opened the chat, so their menu is published (again) now.
 */
public record PrivilegedPersonWrote(Dispatcher.Target bot, long userId) {}
