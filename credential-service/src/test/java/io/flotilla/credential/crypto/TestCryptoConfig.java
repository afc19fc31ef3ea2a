package io.flotilla.credential.crypto;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Crypto settings for tests that build the keyset classes without Quarkus. */
record TestCryptoConfig(
    Optional<String> keyset,
    String keysetPath,
    String masterKeyPath,
    Optional<String> masterKeyUri,
    boolean generateIfMissing)
    implements CryptoConfig {

  static TestCryptoConfig files(Path directory) {
    return new TestCryptoConfig(
        Optional.empty(),
        directory.resolve("keyset.json").toString(),
        directory.resolve("master-key.json").toString(),
        Optional.empty(),
        true);
  }

  TestCryptoConfig withInlineKeyset(String json) {
    return new TestCryptoConfig(Optional.of(json), keysetPath, masterKeyPath, masterKeyUri, false);
  }

  TestCryptoConfig withMasterKeyUri(String uri) {
    return new TestCryptoConfig(
        keyset, keysetPath, masterKeyPath, Optional.of(uri), generateIfMissing);
  }

  TestCryptoConfig withoutGeneration() {
    return new TestCryptoConfig(keyset, keysetPath, masterKeyPath, masterKeyUri, false);
  }

  @Override
  public Optional<String> fingerprintKeyset() {
    return Optional.empty();
  }

  @Override
  public Optional<String> fingerprintKeysetPath() {
    return Optional.empty();
  }

  @Override
  public Duration reloadInterval() {
    return Duration.ofSeconds(10);
  }

  @Override
  public Rotation rotation() {
    return new Rotation() {
      @Override
      public Duration propagationDelay() {
        return Duration.ZERO;
      }

      @Override
      public int batchSize() {
        return 10;
      }

      @Override
      public Duration workerInterval() {
        return Duration.ofSeconds(1);
      }
    };
  }
}
