package io.flotilla.credential.tenant;

import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {

  /** The tenant, locked until the transaction ends; 404 when there is none. */
  public Uni<Tenant> lockExisting(String tenantId) {
    return findById(tenantId, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No tenant " + tenantId));
  }

  public Uni<Tenant> existing(String tenantId) {
    return findById(tenantId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No tenant " + tenantId));
  }
}
