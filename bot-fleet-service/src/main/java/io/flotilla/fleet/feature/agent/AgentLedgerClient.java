package io.flotilla.fleet.feature.agent;

import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The ledger's routes for an agent's own money: balances, payout settings, withdrawals. */
@Path("/internal/agents/{agentId}")
@RegisterRestClient(configKey = "ledger")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface AgentLedgerClient {

  /** In the platform's default currency; zeros for an agent with no money yet. */
  @GET
  @Path("/balance")
  Uni<BalanceView> balance(@PathParam("agentId") String agentId);

  @GET
  @Path("/settings")
  Uni<SettingsView> settings(@PathParam("agentId") String agentId);

  /** Newest first. */
  @GET
  @Path("/withdrawals")
  Uni<List<WithdrawalView>> withdrawals(
      @PathParam("agentId") String agentId, @QueryParam("limit") int limit);

  /**
   * 201 a new withdrawal, 200 the earlier one for the same key; 422 below-minimum-withdrawal,
   * insufficient-available, payout-address-missing.
   */
  @POST
  @Path("/withdrawals")
  Uni<WithdrawalView> requestWithdrawal(
      @PathParam("agentId") String agentId,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      WithdrawalRequest request);

  /** Minor units; {@code withdrawn} is what was paid out. */
  record BalanceView(
      String currency, long pending, long available, long held, long withdrawn, long receivable) {}

  /** The rules in force for the agent. */
  record SettingsView(long minWithdrawal, String payoutAddress, Long holdingWindowSeconds) {}

  record WithdrawalRequest(long amount) {}

  record WithdrawalView(
      UUID withdrawalId,
      String agentId,
      long amount,
      String currency,
      String payoutAddress,
      String status,
      String txid,
      String rejectReason,
      Instant requestedAt) {}
}
