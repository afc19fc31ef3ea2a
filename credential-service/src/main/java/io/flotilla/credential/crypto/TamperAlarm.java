package io.flotilla.credential.crypto;

import io.flotilla.platform.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Raised when a stored secret fails authentication: someone changed the database, moved a
 * ciphertext, or its key is gone. An alert for operators (log + {@code
 * flotilla.credentials.tampered}), a 500 for the caller; neither names the secret.
 */
@ApplicationScoped
public class TamperAlarm {

  private static final Logger LOG = Logger.getLogger(TamperAlarm.class);

  private final Counter tampered;

  public TamperAlarm(MeterRegistry registry) {
    this.tampered = registry.counter("flotilla.credentials.tampered");
  }

  /** Alerts operators; the caller carries on (e.g. a rotation skips the row). */
  public void record(CredentialTamperedException e) {
    tampered.increment();
    LOG.errorf("SECURITY: %s", e.getMessage());
  }

  /** Alerts operators and returns the 500 to answer with. */
  public ProblemException raise(String tenantId, CredentialTamperedException e) {
    record(e);
    return new ProblemException(
        500,
        "credential-unreadable",
        "Stored credential unreadable",
        "A stored credential of tenant " + tenantId + " failed its integrity check");
  }
}
