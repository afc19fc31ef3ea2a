package io.flotilla.credential.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/**
 * Appends admin actions in the caller's transaction, so an action and its record commit together.
 */
@ApplicationScoped
public class AuditLog {

  private final Clock clock;
  private final ObjectMapper mapper;

  public AuditLog(Clock clock, ObjectMapper mapper) {
    this.clock = clock;
    this.mapper = mapper;
  }

  public Uni<Void> record(String adminId, String action, String target, Map<String, ?> details) {
    AuditEntry entry = new AuditEntry();
    entry.adminId = adminId;
    entry.action = action;
    entry.target = target;
    try {
      entry.details = mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit details are not serialisable", e);
    }
    entry.createdAt = clock.instant();
    return entry.persist().replaceWithVoid();
  }
}
