package io.flotilla.inventory.catalog;

import io.flotilla.inventory.order.OrderTermsCache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Products of the shared catalog with their stock; the gateway calls it for admins. */
@Path("/internal/products")
@Tag(name = "catalog admin")
public class ProductResource {

  private final ProductService products;
  private final OrderTermsCache orderTerms;

  public ProductResource(ProductService products, OrderTermsCache orderTerms) {
    this.products = products;
    this.orderTerms = orderTerms;
  }

  @POST
  public Uni<Response> create(@Valid @NotNull CreateProductRequest request) {
    return products
        .create(request)
        .map(product -> Response.status(Response.Status.CREATED).entity(product).build());
  }

  @PATCH
  @Path("/{productId}")
  public Uni<ProductView> update(
      @PathParam("productId") UUID productId, @Valid @NotNull UpdateProductRequest request) {
    // Orders see the change once it has committed, which is when the service's Uni completes.
    return products.update(productId, request).invoke(orderTerms::forget).chain(products::view);
  }

  @GET
  @Path("/{productId}")
  public Uni<ProductView> find(@PathParam("productId") UUID productId) {
    return products.find(productId).chain(products::view);
  }

  @GET
  public Uni<List<ProductView>> list(
      @QueryParam("category_id") UUID categoryId,
      @QueryParam("include_inactive") @DefaultValue("false") boolean includeInactive) {
    return products.list(categoryId, includeInactive).chain(products::views);
  }

  /** Active products whose available stock is at or below their threshold. */
  @GET
  @Path("/low-stock")
  public Uni<List<ProductView>> lowStock() {
    return products.lowStock();
  }
}
