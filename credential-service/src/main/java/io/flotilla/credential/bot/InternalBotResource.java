package io.flotilla.credential.bot;

import io.flotilla.credential.api.AdminId;
import io.flotilla.credential.api.Filters;
import io.flotilla.credential.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bots, for the fleet (which bots to run, their tokens, what went wrong) and for admins through the
 * gateway (list, access, suspend, activate, rate limits). Reachable only with the service
 * credential; admin actions also need the {@value AdminId#HEADER} header.
 */
@Path("/internal/bots")
@Tag(name = "bots")
public class InternalBotResource {

  private final BotService bots;
  private final BotTokenVerifier verifier;

  public InternalBotResource(BotService bots, BotTokenVerifier verifier) {
    this.bots = bots;
    this.verifier = verifier;
  }

  @GET
  @Operation(summary = "Admin: list bots, newest first")
  public Uni<Page<BotView>> list(
      @QueryParam("status") String status,
      @QueryParam("page") @DefaultValue("1") @Min(1) @Max(100_000) int page,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
    return bots.list(Filters.enumFilter("status", status, BotStatus.class), page, limit);
  }

  @GET
  @Path("/serving")
  @Operation(summary = "Fleet: bots that should be running, paged by tenant id")
  public Uni<List<ServingBot>> serving(
      @QueryParam("after") @DefaultValue("") String after,
      @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
    return bots.serving(after, limit);
  }

  @GET
  @Path("/{tenantId}")
  @Operation(summary = "A bot, its token masked")
  public Uni<BotView> find(@PathParam("tenantId") String tenantId) {
    return bots.find(tenantId);
  }

  @GET
  @Path("/{tenantId}/credentials")
  @Operation(summary = "Fleet: the bot's decrypted token (counted, never logged)")
  public Uni<BotCredentials> credentials(@PathParam("tenantId") String tenantId) {
    return bots.credentials(tenantId);
  }

  @POST
  @Path("/{tenantId}/failure")
  @Operation(summary = "Fleet: the bot cannot serve (status error, BotFailed)")
  public Uni<BotView> fail(
      @PathParam("tenantId") String tenantId, @Valid @NotNull FleetReport report) {
    return bots.fail(tenantId, report.reason());
  }

  @POST
  @Path("/{tenantId}/rate-limited")
  @Operation(summary = "Fleet: Telegram keeps throttling the bot (status rate_limited)")
  public Uni<BotView> rateLimited(
      @PathParam("tenantId") String tenantId, @Valid @NotNull FleetReport report) {
    return bots.throttle(tenantId, report.reason());
  }

  @POST
  @Path("/{tenantId}/recovered")
  @Operation(summary = "Fleet: a rate-limited bot is within limits again (status active)")
  public Uni<BotView> recovered(@PathParam("tenantId") String tenantId) {
    return bots.recover(tenantId);
  }

  @POST
  @Path("/{tenantId}/access")
  @Operation(summary = "Admin: open a bot (audited); never returns the token")
  public Uni<BotView> access(
      @PathParam("tenantId") String tenantId, @HeaderParam(AdminId.HEADER) String adminId) {
    return bots.access(tenantId, AdminId.require(adminId));
  }

  @PATCH
  @Path("/{tenantId}/suspend")
  @Operation(summary = "Admin: stop a bot (BotSuspended)")
  public Uni<BotView> suspend(
      @PathParam("tenantId") String tenantId,
      @HeaderParam(AdminId.HEADER) String adminId,
      @Valid @NotNull StatusChange change) {
    return bots.suspend(tenantId, change.reason(), AdminId.require(adminId));
  }

  @PATCH
  @Path("/{tenantId}/activate")
  @Operation(
      summary = "Admin: let a suspended, rate-limited or failed bot serve again (BotActivated)",
      description = "A failed bot's token is checked with getMe first.")
  public Uni<BotView> activate(
      @PathParam("tenantId") String tenantId, @HeaderParam(AdminId.HEADER) String adminId) {
    String admin = AdminId.require(adminId);
    return bots.status(tenantId)
        .chain(
            status ->
                status == BotStatus.ERROR
                    ? bots.token(tenantId)
                        .chain(token -> verifier.verify(token, "bot_token"))
                        .replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .chain(() -> bots.activate(tenantId, admin));
  }

  @PATCH
  @Path("/{tenantId}/rate-limit")
  @Operation(summary = "Admin: change a bot's outbound limits (BotRateLimitChanged)")
  public Uni<BotView> rateLimit(
      @PathParam("tenantId") String tenantId,
      @HeaderParam(AdminId.HEADER) String adminId,
      @Valid @NotNull RateLimitChange change) {
    return bots.changeRateLimit(tenantId, change, AdminId.require(adminId));
  }
}
