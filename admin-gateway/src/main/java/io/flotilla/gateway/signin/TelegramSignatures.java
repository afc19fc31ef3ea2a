package io.flotilla.gateway.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Telegram's login signatures, as its documentation describes them: the data-check-string is every
 * received field but {@code hash} as {@code key=value}, sorted by key, joined by newlines; its
 * HMAC-SHA-256 in hex is the hash. The Login Widget keys the HMAC with SHA-256(bot token); a Mini
 * App with HMAC-SHA-256(key "WebAppData", bot token).
 */
public final class TelegramSignatures {

  /** Which of Telegram's two sign-in flows signed the data. */
  public enum Flow {
    LOGIN_WIDGET,
    MINI_APP
  }

  private TelegramSignatures() {}

  /** The data-check-string of the received fields; {@code hash} is left out. */
  public static String dataCheckString(Map<String, String> fields) {
    return new TreeMap<>(fields)
        .entrySet().stream()
            .filter(field -> !field.getKey().equals("hash"))
            .map(field -> field.getKey() + "=" + field.getValue())
            .collect(Collectors.joining("\n"));
  }

  /** The HMAC key a flow derives from the bot token. */
  public static byte[] secret(Flow flow, String botToken) {
    byte[] token = botToken.getBytes(StandardCharsets.UTF_8);
    return switch (flow) {
      case LOGIN_WIDGET -> sha256(token);
      case MINI_APP -> hmac("WebAppData".getBytes(StandardCharsets.UTF_8), token);
    };
  }

  /**
   * Whether {@code hash} (hex, as Telegram sends it) signs the data-check-string under the bot
   * token, compared in constant time.
   */
  public static boolean valid(Flow flow, String botToken, String dataCheckString, String hash) {
    if (hash == null || !hash.matches("[0-9a-fA-F]{64}")) {
      return false;
    }
    byte[] expected =
        hmac(secret(flow, botToken), dataCheckString.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(hash.toLowerCase()));
  }

  /** The hash Telegram would send: for tests and the documentation's examples. */
  public static String sign(Flow flow, String botToken, String dataCheckString) {
    return HexFormat.of()
        .formatHex(hmac(secret(flow, botToken), dataCheckString.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
    }
  }
}
