package io.flotilla.ledger.topup;

import io.flotilla.ledger.LedgerConfig;
import io.flotilla.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the payment provider's signature: {@code X-Flotilla-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of the raw request body under the shared secret. The comparison takes the same time
 * whatever the input, and failures never echo the expected value.
 */
@ApplicationScoped
public class CallbackSignature {

  public static final String HEADER = "X-Flotilla-Signature";
  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final Optional<SecretKeySpec> key;

  public CallbackSignature(LedgerConfig config) {
    this.key =
        config
            .topUp()
            .callbackSecret()
            .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
  }

  /**
   * @throws ProblemException 401 when the signature is missing or wrong, 503 when no secret is
   *     configured
   */
  public void verify(byte[] body, String header) {
    SecretKeySpec secret =
        key.orElseThrow(
            () ->
                ProblemException.unavailable(
                    "callbacks-not-configured", "Top-up callbacks are not configured"));
    byte[] presented = decode(header);
    if (presented == null || !MessageDigest.isEqual(sign(secret, body), presented)) {
      throw new ProblemException(
          401,
          "invalid-signature",
          "Invalid signature",
          HEADER + " must be sha256=<hex HMAC-SHA256 of the body>");
    }
  }

  /** The header value for a body; for providers' test tools and tests. */
  public static String headerFor(String secret, byte[] body) {
    return PREFIX
        + HexFormat.of()
            .formatHex(
                sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), body));
  }

  private static byte[] decode(String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException notHex) {
      return null;
    }
  }

  private static byte[] sign(SecretKeySpec secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
