package io.flotilla.credential.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Loads and saves the credential keyset. The keyset file is always encrypted under a master key: a
 * KMS key when {@code master-key-uri} is set, otherwise a local master key file. The keyset's own
 * file name is bound as associated data, so a keyset file cannot be swapped for another service's.
 */
public class KeysetStore {

  private static final byte[] KEYSET_ASSOCIATED_DATA =
      "flotilla/credential-keyset".getBytes(StandardCharsets.UTF_8);

  private final CryptoConfig config;
  private final Aead masterKey;

  public KeysetStore(CryptoConfig config) {
    this.config = config;
    try {
      AeadConfig.register();
      this.masterKey = loadMasterKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Master key cannot be used", e);
    }
  }

  public KeysetHandle load() {
    Path path = Path.of(config.keysetPath());
    try {
      if (!Files.exists(path) && config.generateIfMissing()) {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        save(fresh);
        return fresh;
      }
      return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
          Files.readString(path), masterKey, KEYSET_ASSOCIATED_DATA);
    } catch (IOException e) {
      throw new UncheckedIOException("Credential keyset cannot be read from " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Credential keyset does not open with the master key", e);
    }
  }

  /** Writes the keyset atomically: a crash leaves either the old or the new file. */
  public void save(KeysetHandle keyset) {
    Path path = Path.of(config.keysetPath());
    try {
      String json =
          TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
              keyset, masterKey, KEYSET_ASSOCIATED_DATA);
      writePrivately(path, json);
    } catch (IOException e) {
      throw new UncheckedIOException("Credential keyset cannot be written to " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Credential keyset cannot be encrypted", e);
    }
  }

  private Aead loadMasterKey() throws GeneralSecurityException {
    if (config.masterKeyUri().isPresent()) {
      String uri = config.masterKeyUri().get();
      return KmsClients.get(uri).getAead(uri);
    }
    Path path = Path.of(config.masterKeyPath());
    try {
      if (!Files.exists(path) && config.generateIfMissing()) {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        writePrivately(
            path, TinkJsonProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get()));
      }
      return TinkJsonProtoKeysetFormat.parseKeyset(
              Files.readString(path), InsecureSecretKeyAccess.get())
          .getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Master key cannot be read from " + path, e);
    }
  }

  private static void writePrivately(Path path, String content) throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, ".keyset", ".tmp");
    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(
        temporary,
        path,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
