package io.flotilla.credential.claim;

import java.time.Instant;

/**
 * A new claim link, shown once to the admin who made it: the code, and the {@code /start} payload
 * that carries it ({@code https://t.me/<agent bot>?start=<start_payload>}). {@link #toString()}
 * hides the code.
 */
public record ClaimView(String agentId, String code, String startPayload, Instant expiresAt) {

  @Override
  public String toString() {
    return "ClaimView[" + agentId + ", expires " + expiresAt + ", code=***]";
  }
}
