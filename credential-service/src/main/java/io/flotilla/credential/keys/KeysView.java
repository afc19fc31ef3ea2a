package io.flotilla.credential.keys;

import java.util.List;

/**
 * The credential keyset without key material: which key encrypts, how many stored ciphertexts each
 * key still protects, and the latest rotation.
 */
public record KeysView(
    long primaryKeyId, boolean rotatable, List<KeyView> keys, RotationView rotation) {

  /** One key; {@code ciphertexts} counts stored secrets it protects (0 means retirable). */
  public record KeyView(long keyId, String status, boolean primary, long ciphertexts) {}
}
