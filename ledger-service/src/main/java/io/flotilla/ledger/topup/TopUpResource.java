package io.flotilla.ledger.topup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.ledger.AdminHeader;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Wallet top-ups: requested by a customer's shop bot, confirmed by an admin or the provider. */
@Path("/internal/top-ups")
@Tag(name = "top-ups")
public class TopUpResource {

  private final TopUpService topUps;
  private final CallbackSignature signature;
  private final ObjectMapper mapper;
  private final Validator validator;

  public TopUpResource(
      TopUpService topUps, CallbackSignature signature, ObjectMapper mapper, Validator validator) {
    this.topUps = topUps;
    this.signature = signature;
    this.mapper = mapper;
    this.validator = validator;
  }

  @POST
  public Uni<Response> request(@Valid @NotNull TopUpRequest request) {
    return topUps
        .request(request)
        .map(topUp -> Response.status(Response.Status.CREATED).entity(topUp).build());
  }

  @GET
  public Uni<List<TopUp>> list(
      @QueryParam("status") String status,
      @QueryParam("method") String method,
      @QueryParam("tenant_id") String tenantId,
      @QueryParam("customer_id") Long customerId,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    if (status != null && !List.of(TopUp.PENDING, TopUp.CREDITED).contains(status)) {
      throw ProblemException.invalidField("status", "must be pending or credited");
    }
    if (method != null && !List.of(TopUp.CENTRAL, TopUp.STARS).contains(method)) {
      throw ProblemException.invalidField("method", "must be central or stars");
    }
    return topUps.list(status, method, tenantId, customerId, page, limit);
  }

  @GET
  @Path("/{id}")
  public Uni<TopUp> find(@PathParam("id") String id) {
    return topUps.find(parseId(id));
  }

  @POST
  @Path("/{id}/confirm")
  public Uni<TopUp> confirm(
      @PathParam("id") String id,
      @Valid ConfirmRequest request,
      @HeaderParam(AdminHeader.NAME) String adminId) {
    return topUps.confirm(
        parseId(id),
        AdminHeader.require(adminId),
        request == null ? null : request.providerTransactionId());
  }

  /**
   * The payment provider's callback. The signature covers the exact bytes received, so the body is
   * read raw and parsed only after it is verified.
   */
  @POST
  @Path("/callback")
  @Consumes(MediaType.WILDCARD)
  public Uni<TopUp> callback(
      @HeaderParam(CallbackSignature.HEADER) String signatureHeader, byte[] body) {
    signature.verify(body == null ? new byte[0] : body, signatureHeader);
    ProviderCallback callback;
    try {
      callback = mapper.readValue(body, ProviderCallback.class);
    } catch (IOException e) {
      throw ProblemException.badRequest("unreadable-body", "The callback body is not valid JSON");
    }
    if (callback == null) {
      throw ProblemException.badRequest("unreadable-body", "The callback body is empty");
    }
    var violations = validator.validate(callback);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return topUps.callback(callback);
  }

  /** A top-up id from a path; one that is not a UUID names no top-up. */
  public static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No top-up " + id);
    }
  }
}
