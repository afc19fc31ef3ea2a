package io.flotilla.credential.crypto;

import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfSet;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A keyed fingerprint of a bot token (HMAC-SHA256 with a key of its own keyset), so the database
 * can refuse the same token twice without holding anything a dictionary or a leaked dump could
 * reverse. It never rotates with the AEAD keyset: fingerprints must stay comparable.
 */
@Startup
@ApplicationScoped
public class TokenFingerprint {

  private static final int LENGTH = 32;
  private static final byte[] DOMAIN = "flotilla/bot-token/v1|".getBytes(StandardCharsets.UTF_8);

  private final PrfSet prf;

  public TokenFingerprint(KeysetStore store) {
    try {
      this.prf =
          store.loadFingerprint().handle().getPrimitive(RegistryConfiguration.get(), PrfSet.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Token fingerprint keyset has no usable PRF key", e);
    }
  }

  public byte[] of(String token) {
    byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[DOMAIN.length + tokenBytes.length];
    System.arraycopy(DOMAIN, 0, input, 0, DOMAIN.length);
    System.arraycopy(tokenBytes, 0, input, DOMAIN.length, tokenBytes.length);
    try {
      return prf.computePrimary(input, LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Token fingerprint cannot be computed", e);
    }
  }
}
