package io.flotilla.credential.keys;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a key rotation stands. */
public enum RotationState {
  /** The new key is in the keyset and decrypts; it becomes primary at {@code promote_at}. */
  @JsonProperty("key_added")
  KEY_ADDED,
  /** The new key is primary; rows are being re-encrypted from {@code reencrypt_at} on. */
  @JsonProperty("re_encrypting")
  RE_ENCRYPTING,
  /** Every row was visited; old keys may now be retired if no ciphertext uses them. */
  @JsonProperty("completed")
  COMPLETED
}
