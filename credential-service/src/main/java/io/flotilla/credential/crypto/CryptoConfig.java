package io.flotilla.credential.crypto;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the credential keysets and their master key come from, and how keys rotate. */
@ConfigMapping(prefix = "flotilla.crypto")
public interface CryptoConfig {

  /**
   * The AEAD keyset as encrypted JSON, e.g. from the environment ({@code FLOTILLA_CRYPTO_KEYSET}).
   * Takes precedence over {@link #keysetPath()}; an inline keyset is read-only, so rotation needs
   * the file.
   */
  Optional<String> keyset();

  /** JSON file holding the AEAD keyset, encrypted under the master key; rotation rewrites it. */
  String keysetPath();

  /**
   * The token fingerprint (PRF) keyset as encrypted JSON, e.g. from {@code
   * FLOTILLA_CRYPTO_FINGERPRINT_KEYSET}. Takes precedence over {@link #fingerprintKeysetPath()}.
   */
  Optional<String> fingerprintKeyset();

  /**
   * JSON file holding the token fingerprint (HMAC-SHA256 PRF) keyset, encrypted under the master
   * key. Defaults to {@code credential-fingerprint-keyset.json} next to the AEAD keyset.
   */
  Optional<String> fingerprintKeysetPath();

  /**
   * File holding a local master key (a Tink keyset in JSON). Used when no {@code master-key-uri} is
   * set; keep it off the database host and readable only by the service.
   */
  String masterKeyPath();

  /**
   * A KMS key URI (e.g. {@code gcp-kms://...}, {@code aws-kms://...}, {@code hcvault://...}) that
   * wraps the keysets instead of the local master key. The matching Tink KMS client must be on the
   * class path and exposed as a CDI bean of type {@code com.google.crypto.tink.KmsClient}.
   */
  Optional<String> masterKeyUri();

  /** Create the master key and keysets on first start when they do not exist (development). */
  @WithDefault("false")
  boolean generateIfMissing();

  /** How often the keyset file is re-read, so replicas sharing it pick up a rotation. */
  @WithDefault("10s")
  Duration reloadInterval();

  /** Key rotation settings. */
  Rotation rotation();

  /** Key rotation settings. */
  interface Rotation {

    /**
     * Wait between adding a key and promoting it, and again before re-encrypting, so every replica
     * has re-read the keyset (longer than {@code reload-interval}); zero for a single replica.
     */
    @WithDefault("30s")
    Duration propagationDelay();

    /** Rows re-encrypted per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How often the rotation worker looks for work; it drains a rotation once it finds one. */
    @WithDefault("1s")
    Duration workerInterval();
  }
}
