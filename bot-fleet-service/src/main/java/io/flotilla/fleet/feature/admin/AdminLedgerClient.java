package io.flotilla.fleet.feature.admin;

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

/**
 * The ledger's admin routes: withdrawals (each step once and in order, 409
 * withdrawal-step-out-of-order otherwise) and central top-ups. Every step names the admin.
 */
@Path("/internal")
@RegisterRestClient(configKey = "ledger")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface AdminLedgerClient {

  String ADMIN = "X-Flotilla-Admin";

  /** Newest first; {@code status} null for all, {@code page} from 0. */
  @GET
  @Path("/withdrawals")
  Uni<List<WithdrawalView>> withdrawals(
      @QueryParam("status") String status,
      @QueryParam("page") int page,
      @QueryParam("limit") int limit);

  @GET
  @Path("/withdrawals/{id}")
  Uni<WithdrawalView> withdrawal(@PathParam("id") UUID id);

  @POST
  @Path("/withdrawals/{id}/approve")
  Uni<WithdrawalView> approve(@PathParam("id") UUID id, @HeaderParam(ADMIN) String admin);

  @POST
  @Path("/withdrawals/{id}/reject")
  Uni<WithdrawalView> reject(
      @PathParam("id") UUID id, @HeaderParam(ADMIN) String admin, RejectRequest request);

  /** 409 txid-reused when another withdrawal was paid with the txid. */
  @POST
  @Path("/withdrawals/{id}/pay")
  Uni<WithdrawalView> pay(
      @PathParam("id") UUID id, @HeaderParam(ADMIN) String admin, PayRequest request);

  /** Pending central top-ups, newest first, {@code page} from 0. */
  @GET
  @Path("/top-ups")
  Uni<List<TopUpView>> topUps(
      @QueryParam("status") String status,
      @QueryParam("method") String method,
      @QueryParam("page") int page,
      @QueryParam("limit") int limit);

  /** Credits the top-up; a credited one again answers it unchanged. */
  @POST
  @Path("/top-ups/{id}/confirm")
  Uni<TopUpView> confirmTopUp(@PathParam("id") UUID id, @HeaderParam(ADMIN) String admin);

  /** The agent's balance, read for the currency amounts are typed in. */
  @GET
  @Path("/agents/{agentId}/balance")
  Uni<BalanceView> balance(@PathParam("agentId") String agentId);

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

  record RejectRequest(String reason) {}

  record PayRequest(String txid) {}

  record TopUpView(
      UUID topUpId,
      String reference,
      String tenantId,
      long customerId,
      long amount,
      String currency,
      String status) {}

  record BalanceView(String currency) {}
}
