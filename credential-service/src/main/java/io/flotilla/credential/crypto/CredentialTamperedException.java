package io.flotilla.credential.crypto;

/** A stored secret failed authentication. Names only where it lives, never what it holds. */
public class CredentialTamperedException extends RuntimeException {

  public CredentialTamperedException(SecretBinding binding) {
    super(
        "Stored "
            + binding.field()
            + " of tenant "
            + binding.tenantId()
            + " does not decrypt: it was altered, moved, or its key retired",
        null,
        false,
        false);
  }
}
