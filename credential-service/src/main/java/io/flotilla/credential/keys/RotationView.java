package io.flotilla.credential.keys;

import java.time.Instant;

/** A key rotation's progress as the API shows it. */
public record RotationView(
    long id,
    RotationState state,
    long newKeyId,
    long previousKeyId,
    String startedBy,
    String cursorTenantId,
    long rowsDone,
    long rowsTotal,
    long rowsFailed,
    Instant promoteAt,
    Instant reencryptAt,
    Instant startedAt,
    Instant updatedAt,
    Instant completedAt,
    String lastError) {

  static RotationView of(KeyRotation rotation) {
    return new RotationView(
        rotation.id,
        rotation.state,
        rotation.newKeyId,
        rotation.previousKeyId,
        rotation.startedBy,
        rotation.cursorTenantId,
        rotation.rowsDone,
        rotation.rowsTotal,
        rotation.rowsFailed,
        rotation.promoteAt,
        rotation.reencryptAt,
        rotation.startedAt,
        rotation.updatedAt,
        rotation.completedAt,
        rotation.lastError);
  }
}
