package io.flotilla.credential.audit;

import io.flotilla.credential.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin audit log, read-only. */
@Path("/internal/audit")
@Tag(name = "audit")
public class AuditResource {

  private final AuditLog audit;

  public AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @Operation(summary = "Admin actions, newest first, filtered by admin, action and target")
  public Uni<Page<AuditView>> list(
      @QueryParam("admin_id") @Size(max = 128) String adminId,
      @QueryParam("action") @Size(max = 64) String action,
      @QueryParam("target") @Size(max = 128) String target,
      @QueryParam("page") @DefaultValue("1") @Min(1) @Max(100_000) int page,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
    return audit.list(adminId, action, target, page, limit);
  }
}
