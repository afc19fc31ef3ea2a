package io.flotilla.credential.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a ciphertext belongs to: its tenant, its row and its field. Used as AEAD associated data, so
 * a ciphertext copied to another row, tenant or field fails to decrypt.
 */
public record SecretBinding(String tenantId, String row, String field) {

  byte[] associatedData() {
    return ("flotilla/v1|tenant=" + tenantId + "|row=" + row + "|field=" + field)
        .getBytes(StandardCharsets.UTF_8);
  }
}
