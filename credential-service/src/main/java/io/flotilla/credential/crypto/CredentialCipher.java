package io.flotilla.credential.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Encrypts and decrypts credential fields with Tink AEAD (AES-256-GCM). Every ciphertext is bound
 * to its {@link SecretBinding}; ciphertexts carry the id of the key that made them, so old
 * ciphertexts keep decrypting after a new primary key is promoted.
 */
@ApplicationScoped
public class CredentialCipher {

  private final KeysetStore store;
  private final Counter decryptions;
  private volatile Aead aead;

  public CredentialCipher(CryptoConfig config, MeterRegistry registry) {
    this.store = new KeysetStore(config);
    this.decryptions = registry.counter("flotilla.credentials.decryptions");
  }

  @PostConstruct
  void open() {
    reload(store.load());
  }

  void reload(KeysetHandle keyset) {
    try {
      this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Credential keyset has no usable AEAD key", e);
    }
  }

  public byte[] encrypt(String plaintext, SecretBinding binding) {
    try {
      return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), binding.associatedData());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Encryption failed for field " + binding.field(), e);
    }
  }

  /**
   * @throws CredentialTamperedException when the ciphertext was changed, moved to another row or
   *     tenant, or made with a key that is no longer in the keyset
   */
  public String decrypt(byte[] ciphertext, SecretBinding binding) {
    try {
      String plaintext =
          new String(aead.decrypt(ciphertext, binding.associatedData()), StandardCharsets.UTF_8);
      decryptions.increment();
      return plaintext;
    } catch (GeneralSecurityException e) {
      throw new CredentialTamperedException(binding);
    }
  }
}
