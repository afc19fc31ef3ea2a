package io.flotilla.credential.crypto;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the credential keyset and its master key come from. */
@ConfigMapping(prefix = "flotilla.crypto")
public interface CryptoConfig {

  /** JSON file holding the credential keyset, encrypted under the master key. */
  String keysetPath();

  /**
   * File holding a local master key (a Tink keyset in JSON). Used when no {@code master-key-uri} is
   * set; keep it off the database host and readable only by the service.
   */
  String masterKeyPath();

  /**
   * A KMS key URI (e.g. {@code gcp-kms://...}, {@code aws-kms://...}, {@code hcvault://...}) that
   * wraps the keyset instead of the local master key; the matching Tink KMS client must be
   * registered.
   */
  Optional<String> masterKeyUri();

  /** Create the master key and keyset on first start when they do not exist (development). */
  @WithDefault("false")
  boolean generateIfMissing();
}
