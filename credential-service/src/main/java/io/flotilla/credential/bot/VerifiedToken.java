package io.flotilla.credential.bot;

import io.flotilla.platform.telegram.BotIdentity;

/** A bot token that {@code getMe} accepted, with what Telegram said about the bot. */
public record VerifiedToken(String token, BotIdentity identity) {

  public long botId() {
    return identity.id();
  }

  @Override
  public String toString() {
    return "VerifiedToken[" + identity.id() + ", bot_token=***]";
  }
}
