package io.flotilla.credential.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetStoreTest {

  private static final SecretBinding BINDING = new SecretBinding("t", "r", "f");

  @TempDir Path secrets;

  @Test
  void keysetFilesAreEncryptedPrivateAndStable() throws Exception {
    TestCryptoConfig config = TestCryptoConfig.files(secrets);
    KeysetStore store = new KeysetStore(config, List.of());
    byte[] ciphertext = cipher(store).encrypt("secret", BINDING);
    new TokenFingerprint(store);

    Path keyset = Path.of(config.keysetPath());
    assertThat(Files.readString(keyset)).contains("encryptedKeyset").doesNotContain("\"value\"");
    assertThat(Files.getPosixFilePermissions(keyset))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(secrets.resolve("credential-fingerprint-keyset.json")).exists();

    KeysetStore restarted = new KeysetStore(config.withoutGeneration(), List.of());
    assertThat(cipher(restarted).decrypt(ciphertext, BINDING)).isEqualTo("secret");
    assertThat(new TokenFingerprint(restarted).of("123:abc"))
        .isEqualTo(new TokenFingerprint(store).of("123:abc"))
        .isNotEqualTo(new TokenFingerprint(store).of("123:abd"))
        .hasSize(32);
  }

  @Test
  void anotherMasterKeyDoesNotOpenTheKeyset() throws Exception {
    TestCryptoConfig config = TestCryptoConfig.files(secrets);
    new KeysetStore(config, List.of()).loadAead();
    Files.delete(Path.of(config.masterKeyPath()));
    KeysetStore withNewMasterKey = new KeysetStore(config, List.of());

    assertThatThrownBy(withNewMasterKey::loadAead)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not open with the master key");
  }

  @Test
  void missingFilesAreAnErrorUnlessGenerationIsOn() {
    assertThatThrownBy(
            () -> new KeysetStore(TestCryptoConfig.files(secrets).withoutGeneration(), List.of()))
        .hasMessageContaining("Master key cannot be read");
  }

  @Test
  void anInlineKeysetIsReadOnly() throws Exception {
    TestCryptoConfig config = TestCryptoConfig.files(secrets);
    KeysetStore files = new KeysetStore(config, List.of());
    byte[] ciphertext = cipher(files).encrypt("secret", BINDING);
    String json = Files.readString(Path.of(config.keysetPath()));
    Files.delete(Path.of(config.keysetPath()));

    KeysetStore inline = new KeysetStore(config.withInlineKeyset(json), List.of());
    Keyring keyring = new Keyring(inline);
    assertThat(
            new CredentialCipher(keyring, new SimpleMeterRegistry()).decrypt(ciphertext, BINDING))
        .isEqualTo("secret");
    assertThat(keyring.writable()).isFalse();
    assertThatThrownBy(keyring::addKey).isInstanceOf(IllegalStateException.class);
    assertThat(Path.of(config.keysetPath())).doesNotExist();
  }

  @Test
  void aKmsHoldsTheMasterKeyByConfigurationAlone() throws Exception {
    FakeKms kms = new FakeKms();
    TestCryptoConfig config =
        TestCryptoConfig.files(secrets).withMasterKeyUri("fake-kms://projects/p/keys/credential");
    KeysetStore store = new KeysetStore(config, List.of(kms));
    byte[] ciphertext = cipher(store).encrypt("secret", BINDING);

    assertThat(kms.encryptions).isPositive();
    assertThat(Path.of(config.masterKeyPath())).as("no local master key").doesNotExist();
    assertThat(
            cipher(new KeysetStore(config.withoutGeneration(), List.of(kms)))
                .decrypt(ciphertext, BINDING))
        .isEqualTo("secret");
    assertThat(kms.decryptions).isPositive();
  }

  private static CredentialCipher cipher(KeysetStore store) {
    return new CredentialCipher(new Keyring(store), new SimpleMeterRegistry());
  }

  /** Stands in for a cloud KMS: wraps with a key that never leaves it. */
  static final class FakeKms implements KmsClient {

    int encryptions;
    int decryptions;
    private final Aead key;

    FakeKms() throws GeneralSecurityException {
      AeadConfig.register();
      key =
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
              .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    @Override
    public boolean doesSupport(String keyUri) {
      return keyUri.startsWith("fake-kms://");
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public Aead getAead(String keyUri) {
      return new Aead() {
        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
          encryptions++;
          return key.encrypt(plaintext, associatedData);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
            throws GeneralSecurityException {
          decryptions++;
          return key.decrypt(ciphertext, associatedData);
        }
      };
    }
  }
}
