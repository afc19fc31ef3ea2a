package io.flotilla.credential.claim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Claim codes: 192 random bits in base64url (32 characters), so {@code claim_<code>} fits the
 * parameter of a Telegram {@code /start} deep link (at most 64 characters of {@code A-Z a-z 0-9 _
 * -}). Stored as a plain SHA-256: with that much randomness nobody can confirm a guess from a
 * database dump, so a keyed hash would add nothing.
 */
final class ClaimCode {

  /** What precedes the code in a {@code /start} payload. */
  static final String START_PREFIX = "claim_";

  /** What a code may look like on the way in; anything else cannot be one of ours. */
  static final String SHAPE = "[A-Za-z0-9_-]{1,64}";

  private static final int RANDOM_BYTES = 24;
  private static final byte[] DOMAIN = "flotilla/agent-claim/v1|".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ClaimCode() {}

  static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String startPayload(String code) {
    return START_PREFIX + code;
  }

  static byte[] hash(String code) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(DOMAIN);
      return digest.digest(code.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
