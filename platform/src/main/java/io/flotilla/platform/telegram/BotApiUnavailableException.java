package io.flotilla.platform.telegram;

/**
 * The Bot API could not be reached or did not answer in time. The message names only the kind of
 * failure: the underlying exception is dropped because its text can contain the request URL, and
 * with it the bot token.
 */
public class BotApiUnavailableException extends RuntimeException {

  public BotApiUnavailableException(String method, Throwable failure) {
    super(
        "Bot API call " + method + " failed: " + failure.getClass().getSimpleName(),
        null,
        false,
        false);
  }
}
