package io.flotilla.testkit.telegram;

/** A Bot API error answer: HTTP status = error_code, as the real server answers. */
final class BotApiException extends RuntimeException {
  private final int errorCode;
  private final int retryAfter;

  private BotApiException(int errorCode, String description, int retryAfter) {
    // The stack trace is never shown: the exception only carries the answer to the bot.
    super(description, null, false, false);
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
  }

  static BotApiException of(int errorCode, String description) {
    return new BotApiException(errorCode, description, 0);
  }

  static BotApiException badRequest(String reason) {
    return of(400, "Bad Request: " + reason);
  }

  static BotApiException tooManyRequests(int retryAfterSeconds) {
    return new BotApiException(
        429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
  }

  static BotApiException unauthorized() {
    return of(401, "Unauthorized");
  }

  static BotApiException notFound() {
    return of(404, "Not Found");
  }

  int errorCode() {
    return errorCode;
  }

  String description() {
    return getMessage();
  }

  /** Seconds for parameters.retry_after and the Retry-After header; 0 when absent. */
  int retryAfter() {
    return retryAfter;
  }
}
