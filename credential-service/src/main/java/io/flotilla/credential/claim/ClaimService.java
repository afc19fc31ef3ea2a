package io.flotilla.credential.claim;

import io.flotilla.credential.agent.AgentService;
import io.flotilla.credential.agent.AgentService.OwnerAdded;
import io.flotilla.credential.agent.AgentView;
import io.flotilla.credential.audit.AuditLog;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * One-time claim links: an admin makes one for an agent and hands it to the person who will run the
 * agent; opening it in the agent's bot makes them an owner. A link works once, until it expires;
 * the code is shown only to the admin who made it.
 */
@ApplicationScoped
public class ClaimService {

  private final AgentClaimRepository claims;
  private final AgentService agents;
  private final AuditLog audit;
  private final ClaimConfig config;
  private final Clock clock;

  public ClaimService(
      AgentClaimRepository claims,
      AgentService agents,
      AuditLog audit,
      ClaimConfig config,
      Clock clock) {
    this.claims = claims;
    this.agents = agents;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<ClaimView> create(String agentId, String adminId) {
    return agents
        .find(agentId)
        .chain(
            agent -> {
              String code = ClaimCode.generate();
              AgentClaim claim = new AgentClaim();
              claim.tenantId = agent.agentId();
              claim.codeSha256 = ClaimCode.hash(code);
              claim.createdBy = adminId;
              claim.createdAt = clock.instant();
              claim.expiresAt = claim.createdAt.plus(config.validity());
              return claims
                  .persist(claim)
                  .call(
                      () ->
                          audit.record(
                              adminId,
                              "agent.claim.create",
                              agentId,
                              Map.of(
                                  "claim_id", claim.id, "expires_at", claim.expiresAt.toString())))
                  .map(
                      stored ->
                          new ClaimView(
                              agentId, code, ClaimCode.startPayload(code), claim.expiresAt));
            });
  }

  /**
   * Makes the Telegram user an owner of the agent and uses the link up. The claim row stays locked
   * until the commit, so of several people redeeming one link at once exactly one succeeds; the
   * others find it used. Someone who is an owner already changes nothing and leaves the link for
   * the person it was meant for.
   *
   * @throws ProblemException 404 for an unknown code or one made for another agent, 409 {@code
   *     claim-used}, 410 {@code claim-expired}
   */
  @WithTransaction
  public Uni<AgentView> redeem(RedeemClaimRequest request) {
    String actor = "tg:" + request.telegramUserId();
    return claims
        .lockByCode(ClaimCode.hash(request.code()))
        .chain(
            claim -> {
              if (claim == null || !claim.tenantId.equals(request.agentId())) {
                throw ProblemException.notFound(
                    "No claim link with this code for agent " + request.agentId());
              }
              if (claim.redeemedAt != null) {
                throw ProblemException.conflict("claim-used", "This claim link was used already");
              }
              Instant now = clock.instant();
              if (!now.isBefore(claim.expiresAt)) {
                throw new ProblemException(
                    410, "claim-expired", "Gone", "This claim link expired at " + claim.expiresAt);
              }
              return agents
                  .addOwner(claim.tenantId, request.telegramUserId(), actor)
                  .call(
                      outcome ->
                          outcome.added()
                              ? useUp(claim, request.telegramUserId(), now, actor)
                              : Uni.createFrom().voidItem())
                  .map(OwnerAdded::agent);
            });
  }

  private Uni<Void> useUp(AgentClaim claim, long telegramUserId, Instant now, String actor) {
    claim.redeemedBy = telegramUserId;
    claim.redeemedAt = now;
    return audit.record(
        actor,
        "agent.claim.redeem",
        claim.tenantId,
        Map.of("claim_id", claim.id, "telegram_user_id", telegramUserId));
  }
}
