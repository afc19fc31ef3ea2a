package io.flotilla.credential.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.credential.api.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends admin actions in the caller's transaction, so an action and its record commit together,
 * and lists them. There is no update or delete here, and the database refuses both (and truncation)
 * with a trigger. Details never hold a secret.
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

  /** Entries matching every given filter, newest first. */
  @WithSession
  public Uni<Page<AuditView>> list(
      String adminId, String action, String target, int page, int limit) {
    List<String> conditions = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (adminId != null && !adminId.isBlank()) {
      conditions.add("adminId = :adminId");
      parameters = parameters.and("adminId", adminId);
    }
    if (action != null && !action.isBlank()) {
      conditions.add("action = :action");
      parameters = parameters.and("action", action);
    }
    if (target != null && !target.isBlank()) {
      conditions.add("target = :target");
      parameters = parameters.and("target", target);
    }
    String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    Parameters bound = parameters;
    int offset = Page.offset(page, limit);
    return AuditEntry.<AuditEntry>find(where, Sort.descending("id"), bound)
        .range(offset, offset + limit - 1)
        .list()
        .chain(
            entries ->
                AuditEntry.count(where, bound)
                    .map(
                        total ->
                            new Page<>(
                                entries.stream().map(this::view).toList(), page, limit, total)));
  }

  private AuditView view(AuditEntry entry) {
    try {
      return new AuditView(
          entry.id,
          entry.adminId,
          entry.action,
          entry.target,
          mapper.readTree(entry.details),
          entry.createdAt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Audit entry " + entry.id + " holds invalid JSON", e);
    }
  }
}
