package io.flotilla.credential.claim;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class AgentClaimRepository implements PanacheRepositoryBase<AgentClaim, Long> {

  /**
   * The claim with this code hash, locked until the transaction ends, so of two redemptions at the
   * same moment the second waits and then sees the first one's; null when there is none.
   */
  public Uni<AgentClaim> lockByCode(byte[] codeSha256) {
    return find("codeSha256", codeSha256).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
  }
}
