package io.flotilla.fleet.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bot's webhook path and secret token, derived from the fleet secret and the bot's id with
 * HMAC-SHA-256, so nothing new is stored and a replica can compute them for any bot. The path is
 * opaque: nothing in it is the token or can lead to it, and it says nothing of the secret token.
 */
public final class WebhookKeys {

  private static final int PATH_CHARS = 32;
  private final SecretKeySpec key;

  public WebhookKeys(String fleetSecret) {
    if (fleetSecret == null || fleetSecret.length() < 32) {
      throw new IllegalArgumentException("the fleet's webhook secret needs at least 32 characters");
    }
    this.key = new SecretKeySpec(fleetSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The last segment of the bot's webhook URL. */
  public String pathOf(long botId) {
    return derive("path:" + botId).substring(0, PATH_CHARS);
  }

  /** The secret_token Telegram sends back in X-Telegram-Bot-Api-Secret-Token (A-Z a-z 0-9 _ -). */
  public String secretOf(long botId) {
    return derive("secret:" + botId);
  }

  /** Whether the presented header is the bot's secret token, in time independent of its content. */
  public boolean matches(long botId, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            secretOf(botId).getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  private String derive(String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
