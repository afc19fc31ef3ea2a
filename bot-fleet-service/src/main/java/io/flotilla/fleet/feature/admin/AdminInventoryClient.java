package io.flotilla.fleet.feature.admin;

import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The inventory's stock import: one item per line, all or nothing; a refusal (422
 * invalid-import-lines) names the bad lines, duplicates included.
 */
@Path("/internal/products/{productId}")
@RegisterRestClient(configKey = "inventory")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface AdminInventoryClient {

  String ADMIN = "X-Flotilla-Admin";

  @GET
  Uni<ProductView> product(@PathParam("productId") UUID productId);

  @POST
  @Path("/stock/import")
  @Consumes(MediaType.TEXT_PLAIN)
  Uni<ImportView> importText(
      @PathParam("productId") UUID productId, @HeaderParam(ADMIN) String admin, byte[] lines);

  @POST
  @Path("/stock/import")
  @Consumes("text/csv")
  Uni<ImportView> importCsv(
      @PathParam("productId") UUID productId, @HeaderParam(ADMIN) String admin, byte[] lines);

  record ProductView(UUID productId, String nameEn, String kind) {}

  /** What an accepted upload added; blank lines are skipped and counted. */
  record ImportView(long imported, long blankLines, long total, long available) {}
}
