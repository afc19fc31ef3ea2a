package io.flotilla.platform.telegram;

import java.util.OptionalInt;

/** The Bot API answered {@code ok: false}. Never carries the token. */
public class BotApiException extends RuntimeException {

  private final int errorCode;
  private final OptionalInt retryAfterSeconds;

  public BotApiException(int errorCode, String description, OptionalInt retryAfterSeconds) {
    super(description, null, false, false);
    this.errorCode = errorCode;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int errorCode() {
    return errorCode;
  }

  /** Set on 429 answers: how long Telegram asks us to wait. */
  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The token was revoked or never existed: the bot cannot be served until it is replaced. */
  public boolean isUnauthorized() {
    return errorCode == 401 || errorCode == 404;
  }

  public boolean isTooManyRequests() {
    return errorCode == 429;
  }

  /** Another getUpdates consumer or a webhook holds the bot's updates. */
  public boolean isConflict() {
    return errorCode == 409;
  }
}
