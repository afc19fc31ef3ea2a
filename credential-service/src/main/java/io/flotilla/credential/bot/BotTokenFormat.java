package io.flotilla.credential.bot;

import io.flotilla.platform.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * The shape the Bot API server accepts for a token: {@code <bot id>:<secret>}, the id a positive
 * integer without a leading zero, the secret at least 24 characters of base64url, the whole at most
 * 80 characters. Checked before any network call; messages never repeat the token.
 */
public final class BotTokenFormat {

  public static final int MAX_LENGTH = 80;
  private static final Pattern SHAPE = Pattern.compile("([1-9][0-9]{0,18}):([A-Za-z0-9_-]{24,})");

  private BotTokenFormat() {}

  /**
   * @return the bot id the token names
   * @throws ProblemException 400 naming {@code field} when the token is malformed
   */
  public static long botId(String token, String field) {
    if (token == null || token.isBlank()) {
      throw ProblemException.invalidField(field, "is required");
    }
    if (token.length() > MAX_LENGTH) {
      throw ProblemException.invalidField(field, "is longer than " + MAX_LENGTH + " characters");
    }
    var matcher = SHAPE.matcher(token);
    if (!matcher.matches()) {
      throw ProblemException.invalidField(
          field,
          "must look like <bot id>:<secret>, the id a positive number without a leading zero and"
              + " the secret at least 24 characters of A-Z a-z 0-9 _ -");
    }
    try {
      return Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      throw ProblemException.invalidField(field, "names a bot id that is out of range");
    }
  }

  /** {@code 123456:AA…xyz}: enough to recognise a token, too little to use it. */
  public static String mask(String token) {
    int colon = token.indexOf(':');
    String secret = token.substring(colon + 1);
    return token.substring(0, colon + 1)
        + secret.substring(0, 2)
        + "…"
        + secret.substring(secret.length() - 3);
  }
}
