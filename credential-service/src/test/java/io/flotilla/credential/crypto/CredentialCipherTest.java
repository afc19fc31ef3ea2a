package io.flotilla.credential.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {

  private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  private static final SecretBinding BINDING =
      new SecretBinding("user:42", "bot:123456789", "bot_token");

  @TempDir Path secrets;

  private Keyring keyring;
  private CredentialCipher cipher;
  private SimpleMeterRegistry registry;

  @BeforeEach
  void open() {
    keyring = new Keyring(new KeysetStore(TestCryptoConfig.files(secrets), List.of()));
    registry = new SimpleMeterRegistry();
    cipher = new CredentialCipher(keyring, registry);
  }

  @Test
  void roundTripsAndCountsEveryDecryption() {
    byte[] ciphertext = cipher.encrypt(TOKEN, BINDING);

    assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(TOKEN);
    assertThat(cipher.encrypt(TOKEN, BINDING))
        .as("a fresh nonce every time")
        .isNotEqualTo(ciphertext);
    assertThat(cipher.decrypt(ciphertext, BINDING)).isEqualTo(TOKEN);
    assertThat(cipher.decrypt(ciphertext, BINDING)).isEqualTo(TOKEN);
    assertThat(
            registry
                .counter(CredentialCipher.DECRYPTIONS, "field", "bot_token", "purpose", "read")
                .count())
        .isEqualTo(2);
  }

  @Test
  void anyFlippedByteFailsToDecrypt() {
    byte[] ciphertext = cipher.encrypt(TOKEN, BINDING);
    for (int i = 0; i < ciphertext.length; i++) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= 0x40;
      assertThatThrownBy(() -> cipher.decrypt(tampered, BINDING))
          .as("byte %d flipped", i)
          .isInstanceOf(CredentialTamperedException.class)
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void aCiphertextBoundElsewhereFailsToDecrypt() {
    byte[] ciphertext = cipher.encrypt(TOKEN, BINDING);
    for (SecretBinding elsewhere :
        List.of(
            new SecretBinding("user:43", "bot:123456789", "bot_token"),
            new SecretBinding("user:42", "bot:987654321", "bot_token"),
            new SecretBinding("user:42", "bot:123456789", "api_hash"),
            new SecretBinding("user:4", "2|row=bot:123456789", "bot_token"))) {
      assertThatThrownBy(() -> cipher.decrypt(ciphertext, elsewhere))
          .as(elsewhere.toString())
          .isInstanceOf(CredentialTamperedException.class)
          .hasMessageContaining(elsewhere.tenantId())
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void oldCiphertextsDecryptAfterANewKeyIsPromotedAndReencryptionMovesThem() {
    long oldKey = keyring.active().primaryKeyId();
    byte[] underOld = cipher.encrypt(TOKEN, BINDING);
    assertThat(CredentialCipher.keyIdOf(underOld)).hasValue(oldKey);
    assertThat(cipher.reencrypt(underOld, BINDING)).isEmpty();

    long newKey = keyring.addKey();
    assertThat(keyring.active().primaryKeyId()).as("added, not yet primary").isEqualTo(oldKey);
    assertThat(CredentialCipher.keyIdOf(cipher.encrypt(TOKEN, BINDING))).hasValue(oldKey);

    keyring.promote(newKey);
    assertThat(CredentialCipher.keyIdOf(cipher.encrypt(TOKEN, BINDING))).hasValue(newKey);
    assertThat(cipher.decrypt(underOld, BINDING)).isEqualTo(TOKEN);

    byte[] moved = cipher.reencrypt(underOld, BINDING).orElseThrow();
    assertThat(CredentialCipher.keyIdOf(moved)).hasValue(newKey);
    assertThat(cipher.decrypt(moved, BINDING)).isEqualTo(TOKEN);
    assertThat(cipher.reencrypt(moved, BINDING)).isEmpty();

    keyring.delete(oldKey);
    assertThatThrownBy(() -> cipher.decrypt(underOld, BINDING))
        .isInstanceOf(CredentialTamperedException.class);
    assertThat(cipher.decrypt(moved, BINDING)).isEqualTo(TOKEN);
    assertThatThrownBy(() -> keyring.delete(newKey)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keyChangesSurviveARestartAndReachOtherReplicas() {
    byte[] ciphertext = cipher.encrypt(TOKEN, BINDING);
    Keyring otherReplica = new Keyring(new KeysetStore(TestCryptoConfig.files(secrets), List.of()));
    long newKey = keyring.addKey();
    keyring.promote(newKey);
    byte[] underNew = cipher.encrypt(TOKEN, BINDING);

    assertThat(otherReplica.active().primaryKeyId()).isNotEqualTo(newKey);
    otherReplica.reloadIfChanged();
    assertThat(otherReplica.active().primaryKeyId()).isEqualTo(newKey);
    CredentialCipher other = new CredentialCipher(otherReplica, new SimpleMeterRegistry());
    assertThat(other.decrypt(underNew, BINDING)).isEqualTo(TOKEN);
    assertThat(other.decrypt(ciphertext, BINDING)).isEqualTo(TOKEN);
  }

  @Test
  void keyIdsComeFromTheTinkPrefix() {
    assertThat(CredentialCipher.keyIdOf(new byte[] {1, (byte) 0xff, 0, 0, 2, 9}))
        .hasValue(0xff000002L);
    assertThat(CredentialCipher.keyIdOf(new byte[] {0, 1, 2, 3, 4, 5})).isEmpty();
    assertThat(CredentialCipher.keyIdOf(new byte[] {1, 2})).isEmpty();
    assertThat(CredentialCipher.keyIdOf(null)).isEmpty();
  }
}
