package io.flotilla.credential.crypto;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Encrypts and decrypts credential fields with Tink AEAD (AES-256-GCM). Every ciphertext is bound
 * to its {@link SecretBinding}; ciphertexts carry the id of the key that made them (Tink's 5-byte
 * prefix), so old ciphertexts keep decrypting after a new primary key is promoted. Every decryption
 * is counted in {@code flotilla.credentials.decryptions}, tagged by field and purpose.
 */
@ApplicationScoped
public class CredentialCipher {

  static final String DECRYPTIONS = "flotilla.credentials.decryptions";
  private static final byte TINK_PREFIX = 0x01;
  private static final int TINK_PREFIX_LENGTH = 5;

  private final Keyring keyring;
  private final MeterRegistry registry;

  public CredentialCipher(Keyring keyring, MeterRegistry registry) {
    this.keyring = keyring;
    this.registry = registry;
  }

  public byte[] encrypt(String plaintext, SecretBinding binding) {
    try {
      return keyring
          .active()
          .aead()
          .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), binding.associatedData());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encryption failed for field " + binding.field(), e);
    }
  }

  /**
   * @throws CredentialTamperedException when the ciphertext was changed, moved to another row,
   *     tenant or field, or made with a key that is no longer in the keyset
   */
  public String decrypt(byte[] ciphertext, SecretBinding binding) {
    return decrypt(ciphertext, binding, "read");
  }

  /**
   * The same secret under the primary key, or empty when the ciphertext already uses it.
   *
   * @throws CredentialTamperedException when the ciphertext does not decrypt
   */
  public Optional<byte[]> reencrypt(byte[] ciphertext, SecretBinding binding) {
    if (keyIdOf(ciphertext).orElse(-1) == keyring.active().primaryKeyId()) {
      return Optional.empty();
    }
    return Optional.of(encrypt(decrypt(ciphertext, binding, "rotation"), binding));
  }

  /** The id of the key that made a ciphertext, from its Tink prefix. */
  public static OptionalLong keyIdOf(byte[] ciphertext) {
    if (ciphertext == null
        || ciphertext.length < TINK_PREFIX_LENGTH
        || ciphertext[0] != TINK_PREFIX) {
      return OptionalLong.empty();
    }
    long keyId =
        ((ciphertext[1] & 0xffL) << 24)
            | ((ciphertext[2] & 0xffL) << 16)
            | ((ciphertext[3] & 0xffL) << 8)
            | (ciphertext[4] & 0xffL);
    return OptionalLong.of(keyId);
  }

  private String decrypt(byte[] ciphertext, SecretBinding binding, String purpose) {
    try {
      byte[] plaintext = keyring.active().aead().decrypt(ciphertext, binding.associatedData());
      registry.counter(DECRYPTIONS, "field", binding.field(), "purpose", purpose).increment();
      return new String(plaintext, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new CredentialTamperedException(binding);
    }
  }
}
