package io.flotilla.credential.master;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Telegram's login signatures under a bot token, as its documentation describes them: the hash is
 * the hex HMAC-SHA-256 of the data-check-string, keyed with SHA-256(token) for the Login Widget and
 * with HMAC-SHA-256(key "WebAppData", token) for a Mini App. Compared in constant time.
 */
final class TelegramLoginVerifier {

  private TelegramLoginVerifier() {}

  static boolean valid(String flow, String botToken, String dataCheckString, String hash) {
    if (!hash.matches("[0-9a-fA-F]{64}")) {
      return false;
    }
    byte[] token = botToken.getBytes(StandardCharsets.UTF_8);
    byte[] secret =
        flow.equals("mini_app")
            ? hmac("WebAppData".getBytes(StandardCharsets.UTF_8), token)
            : sha256(token);
    byte[] expected = hmac(secret, dataCheckString.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(hash.toLowerCase()));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
    }
  }
}
