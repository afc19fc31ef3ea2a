package io.flotilla.credential.crypto;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;

/** The production cipher and fingerprint over a fresh keyset in a directory, for benchmarks. */
public record BenchKeyring(CredentialCipher cipher, TokenFingerprint fingerprint) {

  public static BenchKeyring in(Path directory) {
    KeysetStore store = new KeysetStore(TestCryptoConfig.files(directory), List.of());
    return new BenchKeyring(
        new CredentialCipher(new Keyring(store), new SimpleMeterRegistry()),
        new TokenFingerprint(store));
  }
}
