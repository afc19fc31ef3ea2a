package io.flotilla.gateway.ledger;

import static io.flotilla.gateway.forward.AdminCall.segment;
import static io.flotilla.gateway.forward.InternalForwarder.Service.LEDGER;

import io.flotilla.gateway.forward.AdminCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admins look after money: top-ups, withdrawals, balances, statements, reconciliation. */
@Path("/api/admin")
@RolesAllowed("admin")
@Tag(name = "ledger")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminLedgerResource {

  private final AdminCall call;

  public AdminLedgerResource(AdminCall call) {
    this.call = call;
  }

  @GET
  @Path("/top-ups")
  @Operation(summary = "Top-up requests (status, tenant_id, customer_id, page, limit)")
  public Uni<Response> topUps() {
    return call.get(LEDGER, "/internal/top-ups");
  }

  @POST
  @Path("/top-ups")
  @Operation(summary = "Open a top-up request: {tenant_id, customer_id, amount, currency?}")
  public Uni<Response> requestTopUp(byte[] body) {
    return call.send(LEDGER, HttpMethod.POST, "/internal/top-ups", body);
  }

  @POST
  @Path("/top-ups/{id}/confirm")
  @Operation(summary = "Confirm a top-up: the wallet is credited once")
  public Uni<Response> confirmTopUp(@PathParam("id") String id, byte[] body) {
    return call.send(
        LEDGER, HttpMethod.POST, "/internal/top-ups/" + segment("id", id) + "/confirm", body);
  }

  @GET
  @Path("/withdrawals")
  @Operation(summary = "Withdrawals (status, agent_id, page, limit)")
  public Uni<Response> withdrawals() {
    return call.get(LEDGER, "/internal/withdrawals");
  }

  @GET
  @Path("/withdrawals/{id}")
  public Uni<Response> withdrawal(@PathParam("id") String id) {
    return call.get(LEDGER, "/internal/withdrawals/" + segment("id", id));
  }

  @POST
  @Path("/withdrawals/{id}/approve")
  public Uni<Response> approve(@PathParam("id") String id) {
    return call.send(
        LEDGER, HttpMethod.POST, "/internal/withdrawals/" + segment("id", id) + "/approve", null);
  }

  @POST
  @Path("/withdrawals/{id}/reject")
  @Operation(summary = "Reject a withdrawal: {reason}; the hold is released")
  public Uni<Response> reject(@PathParam("id") String id, byte[] body) {
    return call.send(
        LEDGER, HttpMethod.POST, "/internal/withdrawals/" + segment("id", id) + "/reject", body);
  }

  @POST
  @Path("/withdrawals/{id}/pay")
  @Operation(summary = "Mark a withdrawal paid: {txid}, unique across the platform")
  public Uni<Response> pay(@PathParam("id") String id, byte[] body) {
    return call.send(
        LEDGER, HttpMethod.POST, "/internal/withdrawals/" + segment("id", id) + "/pay", body);
  }

  @GET
  @Path("/agents/{agentId}/balance")
  @Operation(summary = "An agent's pending / available / held / withdrawn / receivable")
  public Uni<Response> agentBalance(@PathParam("agentId") String agentId) {
    return call.get(LEDGER, "/internal/agents/" + segment("agent_id", agentId) + "/balance");
  }

  @GET
  @Path("/agents/{agentId}/statement")
  public Uni<Response> agentStatement(@PathParam("agentId") String agentId) {
    return call.get(LEDGER, "/internal/agents/" + segment("agent_id", agentId) + "/statement");
  }

  @GET
  @Path("/agents/{agentId}/ledger-settings")
  public Uni<Response> agentSettings(@PathParam("agentId") String agentId) {
    return call.get(LEDGER, "/internal/agents/" + segment("agent_id", agentId) + "/settings");
  }

  @PUT
  @Path("/agents/{agentId}/ledger-settings")
  @Operation(summary = "Holding window and minimum withdrawal of one agent")
  public Uni<Response> changeAgentSettings(@PathParam("agentId") String agentId, byte[] body) {
    return call.send(
        LEDGER,
        HttpMethod.PUT,
        "/internal/agents/" + segment("agent_id", agentId) + "/settings",
        body);
  }

  @GET
  @Path("/wallets/{tenantId}/{customerId}")
  public Uni<Response> wallet(
      @PathParam("tenantId") String tenantId, @PathParam("customerId") long customerId) {
    return call.get(
        LEDGER, "/internal/wallets/" + segment("tenant_id", tenantId) + "/" + customerId);
  }

  @GET
  @Path("/wallets/{tenantId}/{customerId}/statement")
  public Uni<Response> walletStatement(
      @PathParam("tenantId") String tenantId, @PathParam("customerId") long customerId) {
    return call.get(
        LEDGER,
        "/internal/wallets/" + segment("tenant_id", tenantId) + "/" + customerId + "/statement");
  }

  @GET
  @Path("/ledger/totals")
  public Uni<Response> totals() {
    return call.get(LEDGER, "/internal/platform/totals");
  }

  @GET
  @Path("/ledger/reconciliation")
  @Operation(summary = "Recomputes every balance from the entries; lists any difference")
  public Uni<Response> reconciliation() {
    return call.get(LEDGER, "/internal/reconciliation");
  }
}
