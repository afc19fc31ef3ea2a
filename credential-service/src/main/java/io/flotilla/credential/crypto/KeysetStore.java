package io.flotilla.credential.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Loads and saves the credential keysets: the AEAD keyset that encrypts every secret field and the
 * PRF keyset that fingerprints bot tokens. Both are always stored encrypted under a master key: a
 * KMS key when {@code master-key-uri} is set, otherwise a local master key file. Each keyset's role
 * is bound as associated data, so one keyset file cannot stand in for the other.
 *
 * <p>Blocking (file and KMS I/O): call it from a worker thread or at start-up.
 */
@ApplicationScoped
public class KeysetStore {

  private static final byte[] AEAD_KEYSET_ASSOCIATED_DATA =
      "flotilla/credential-keyset".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FINGERPRINT_KEYSET_ASSOCIATED_DATA =
      "flotilla/credential-fingerprint-keyset".getBytes(StandardCharsets.UTF_8);
  private static final String FINGERPRINT_KEYSET_FILE = "credential-fingerprint-keyset.json";

  private final CryptoConfig config;
  private final Aead masterKey;

  /** Registers every {@link KmsClient} bean, so a KMS needs only its client and configuration. */
  @Inject
  public KeysetStore(CryptoConfig config, Instance<KmsClient> kmsClients) {
    this(config, (Iterable<KmsClient>) kmsClients);
  }

  public KeysetStore(CryptoConfig config, Iterable<KmsClient> kmsClients) {
    this.config = config;
    try {
      AeadConfig.register();
      PrfConfig.register();
      kmsClients.forEach(KmsClients::add);
      this.masterKey = loadMasterKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Master key cannot be used", e);
    }
  }

  /** The AEAD keyset as stored now, with the text it was read from (to notice changes). */
  public StoredKeyset loadAead() {
    return load(
        config.keyset(),
        Path.of(config.keysetPath()),
        AEAD_KEYSET_ASSOCIATED_DATA,
        PredefinedAeadParameters.AES256_GCM);
  }

  public StoredKeyset loadFingerprint() {
    return load(
        config.fingerprintKeyset(),
        fingerprintKeysetPath(),
        FINGERPRINT_KEYSET_ASSOCIATED_DATA,
        PredefinedPrfParameters.HMAC_SHA256_PRF);
  }

  /** Whether the AEAD keyset can be rewritten (it comes from a file, not inline configuration). */
  public boolean aeadWritable() {
    return config.keyset().isEmpty();
  }

  /** The stored AEAD keyset text, or empty when it cannot be read; for change detection only. */
  public Optional<String> currentAeadText() {
    if (config.keyset().isPresent()) {
      return config.keyset();
    }
    try {
      return Optional.of(Files.readString(Path.of(config.keysetPath())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the AEAD keyset atomically: a crash leaves either the old or the new file.
   *
   * @return the text written
   */
  public String saveAead(KeysetHandle keyset) {
    if (!aeadWritable()) {
      throw new IllegalStateException("The credential keyset is configured inline and read-only");
    }
    return save(keyset, Path.of(config.keysetPath()), AEAD_KEYSET_ASSOCIATED_DATA);
  }

  private StoredKeyset load(
      Optional<String> inline, Path path, byte[] associatedData, Parameters freshParameters) {
    try {
      if (inline.isPresent()) {
        return new StoredKeyset(parse(inline.get(), associatedData), inline.get());
      }
      if (!Files.exists(path) && config.generateIfMissing()) {
        KeysetHandle fresh = KeysetHandle.generateNew(freshParameters);
        return new StoredKeyset(fresh, save(fresh, path, associatedData));
      }
      String text = Files.readString(path);
      return new StoredKeyset(parse(text, associatedData), text);
    } catch (IOException e) {
      throw new UncheckedIOException("Keyset cannot be read from " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Keyset " + path + " does not open with the master key", e);
    }
  }

  private KeysetHandle parse(String text, byte[] associatedData) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(text, masterKey, associatedData);
  }

  private String save(KeysetHandle keyset, Path path, byte[] associatedData) {
    try {
      String json =
          TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey, associatedData);
      writePrivately(path, json);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("Keyset cannot be written to " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Keyset cannot be encrypted for " + path, e);
    }
  }

  private Path fingerprintKeysetPath() {
    return config
        .fingerprintKeysetPath()
        .map(Path::of)
        .orElseGet(
            () ->
                Path.of(config.keysetPath())
                    .toAbsolutePath()
                    .getParent()
                    .resolve(FINGERPRINT_KEYSET_FILE));
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
    try {
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(
          temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A keyset and the exact text it was read from or written as. */
  public record StoredKeyset(KeysetHandle handle, String text) {

    @Override
    public String toString() {
      return "StoredKeyset[" + handle.size() + " keys]";
    }
  }
}
