package io.flotilla.inventory.stock;

import io.flotilla.inventory.AdminActor;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stock admin: bulk imports of unique items, adjustments of counted stock. */
@Path("/internal/products/{productId}/stock")
@Tag(name = "stock admin")
public class StockResource {

  static final String TEXT_CSV = "text/csv";

  private final StockImporter importer;
  private final StockAdjuster adjuster;

  public StockResource(StockImporter importer, StockAdjuster adjuster) {
    this.importer = importer;
    this.adjuster = adjuster;
  }

  /**
   * Imports unique items, one per line, streamed: {@code text/plain} (a line is an item) or {@code
   * text/csv} (one field per line). All or nothing.
   */
  @POST
  @Path("/import")
  @Consumes({MediaType.TEXT_PLAIN, TEXT_CSV})
  @Blocking
  public Response importItems(
      @PathParam("productId") UUID productId,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType,
      @HeaderParam(AdminActor.HEADER) String adminId,
      InputStream body) {
    ImportFormat format =
        contentType != null
                && TEXT_CSV.equals(contentType.getType() + "/" + contentType.getSubtype())
            ? ImportFormat.CSV
            : ImportFormat.TEXT;
    ImportResult result = importer.importItems(productId, body, format, AdminActor.of(adminId));
    return Response.status(Response.Status.CREATED).entity(result).build();
  }

  @POST
  @Path("/adjust")
  public Uni<StockLevel> adjust(
      @PathParam("productId") UUID productId,
      @Valid @NotNull AdjustStockRequest request,
      @HeaderParam(AdminActor.HEADER) String adminId) {
    return adjuster.adjust(productId, request.delta(), request.reason(), AdminActor.of(adminId));
  }
}
