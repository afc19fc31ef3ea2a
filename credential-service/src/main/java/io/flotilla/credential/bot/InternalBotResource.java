package io.flotilla.credential.bot;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Internal API the fleet uses to run bots. Reachable only with the service credential. */
@Path("/internal/bots")
@Tag(name = "bots (fleet)")
public class InternalBotResource {

  private final BotService bots;

  public InternalBotResource(BotService bots) {
    this.bots = bots;
  }

  /** Bots that should be running, paged by tenant id. */
  @GET
  @Path("/serving")
  public Uni<List<ServingBot>> serving(
      @QueryParam("after") @DefaultValue("") String after,
      @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
    return bots.serving(after, limit);
  }

  @GET
  @Path("/{tenantId}")
  public Uni<BotView> find(@PathParam("tenantId") String tenantId) {
    return bots.find(tenantId);
  }

  @GET
  @Path("/{tenantId}/credentials")
  public Uni<BotCredentials> credentials(@PathParam("tenantId") String tenantId) {
    return bots.credentials(tenantId);
  }

  @POST
  @Path("/{tenantId}/failure")
  public Uni<BotView> fail(
      @PathParam("tenantId") String tenantId, @Valid @NotNull BotFailureReport report) {
    return bots.fail(tenantId, report.reason());
  }
}
