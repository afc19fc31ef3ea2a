package io.flotilla.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** How API tokens are recognised without being stored. */
public final class ApiTokens {

  /** Prefix of every API token, so a leaked one is recognisable in a secret scanner. */
  public static final String PREFIX = "flt_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiTokens() {}

  /** 256 random bits, URL-safe: session cookies and CSRF tokens. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A new API token, shown to its owner once. */
  public static String newToken() {
    return PREFIX + newSecret();
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
