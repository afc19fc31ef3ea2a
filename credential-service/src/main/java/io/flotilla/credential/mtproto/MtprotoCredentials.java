package io.flotilla.credential.mtproto;

/**
 * A tenant's decrypted MTProto credentials, for the fleet's TDLib client only (internal API).
 * {@link #toString()} hides every secret.
 */
public record MtprotoCredentials(
    String tenantId,
    int apiId,
    String apiHash,
    String phone,
    String databaseEncryptionKey,
    String session) {

  @Override
  public String toString() {
    return "MtprotoCredentials[" + tenantId + ", api_id=" + apiId + ", secrets=***]";
  }
}
