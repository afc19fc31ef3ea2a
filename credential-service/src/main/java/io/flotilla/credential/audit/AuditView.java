package io.flotilla.credential.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One audited admin action as the API shows it. */
public record AuditView(
    long id, String adminId, String action, String target, JsonNode details, Instant createdAt) {}
