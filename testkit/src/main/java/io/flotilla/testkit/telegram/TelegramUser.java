package io.flotilla.testkit.telegram;

/** A Telegram user who talks to bots in the emulator; the private chat with them has their id. */
public record TelegramUser(long id, String firstName, String username, String languageCode) {
  public TelegramUser {
    if (id <= 0) {
      throw new IllegalArgumentException("user ids are positive: " + id);
    }
    if (firstName == null || firstName.isBlank()) {
      throw new IllegalArgumentException("users always have a first name");
    }
  }
}
