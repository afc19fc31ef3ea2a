package io.flotilla.inventory.catalog;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a shop bot shows its customers: products, availability, the shop's prices. */
@Path("/internal/catalog")
@Tag(name = "catalog")
public class CatalogResource {

  private final CatalogService catalog;

  public CatalogResource(CatalogService catalog) {
    this.catalog = catalog;
  }

  @GET
  public Uni<TenantCatalog> catalog(
      @QueryParam("tenant_id") @NotBlank String tenantId,
      @QueryParam("category_id") UUID categoryId) {
    return catalog.catalog(tenantId, categoryId);
  }

  @GET
  @Path("/{productId}")
  public Uni<CatalogEntry> entry(
      @PathParam("productId") UUID productId, @QueryParam("tenant_id") @NotBlank String tenantId) {
    return catalog.entry(tenantId, productId);
  }
}
