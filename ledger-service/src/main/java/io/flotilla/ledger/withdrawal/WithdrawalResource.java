package io.flotilla.ledger.withdrawal;

import io.flotilla.ledger.AdminHeader;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents' withdrawals: agents request them, admins approve, pay or reject them. */
@Path("/internal")
@Tag(name = "withdrawals")
public class WithdrawalResource {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String AGENT_ID = "[a-z0-9][a-z0-9_-]{0,63}";

  private final WithdrawalService withdrawals;

  public WithdrawalResource(WithdrawalService withdrawals) {
    this.withdrawals = withdrawals;
  }

  /** 201 with the new withdrawal; 200 with the first one when the Idempotency-Key was used. */
  @POST
  @Path("/agents/{agentId}/withdrawals")
  public Uni<Response> request(
      @PathParam("agentId") @Pattern(regexp = AGENT_ID, message = "is not an agent id")
          String agentId,
      @Valid @NotNull WithdrawalRequest request,
      @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128)) {
      throw ProblemException.badRequest(
          "invalid-idempotency-key", IDEMPOTENCY_KEY + " must be 1 to 128 characters");
    }
    return withdrawals
        .request(agentId, request, idempotencyKey)
        .map(
            requested ->
                Response.status(requested.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(requested.withdrawal())
                    .build());
  }

  @GET
  @Path("/agents/{agentId}/withdrawals")
  public Uni<List<Withdrawal>> listOfAgent(
      @PathParam("agentId") String agentId,
      @QueryParam("status") String status,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return withdrawals.list(agentId, parseStatus(status), page, limit);
  }

  @GET
  @Path("/withdrawals")
  public Uni<List<Withdrawal>> list(
      @QueryParam("status") String status,
      @QueryParam("agent_id") String agentId,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return withdrawals.list(agentId, parseStatus(status), page, limit);
  }

  @GET
  @Path("/withdrawals/{id}")
  public Uni<Withdrawal> find(@PathParam("id") String id) {
    return withdrawals.find(parseId(id));
  }

  @POST
  @Path("/withdrawals/{id}/approve")
  public Uni<Withdrawal> approve(
      @PathParam("id") String id, @HeaderParam(AdminHeader.NAME) String adminId) {
    return withdrawals.approve(parseId(id), AdminHeader.require(adminId));
  }

  @POST
  @Path("/withdrawals/{id}/reject")
  public Uni<Withdrawal> reject(
      @PathParam("id") String id,
      @Valid @NotNull RejectRequest request,
      @HeaderParam(AdminHeader.NAME) String adminId) {
    return withdrawals.reject(parseId(id), AdminHeader.require(adminId), request.reason());
  }

  @POST
  @Path("/withdrawals/{id}/pay")
  public Uni<Withdrawal> pay(
      @PathParam("id") String id,
      @Valid @NotNull PayRequest request,
      @HeaderParam(AdminHeader.NAME) String adminId) {
    return withdrawals.pay(parseId(id), AdminHeader.require(adminId), request.txid());
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No withdrawal " + id);
    }
  }

  private static WithdrawalStatus parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return WithdrawalStatus.fromDb(status);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(
          "status", "must be requested, approved, rejected or paid");
    }
  }
}
