package io.flotilla.inventory.catalog;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Catalog shelves; the gateway calls it on an admin's behalf. */
@Path("/internal/categories")
@Tag(name = "catalog admin")
public class CategoryResource {

  private final CategoryService categories;

  public CategoryResource(CategoryService categories) {
    this.categories = categories;
  }

  @POST
  public Uni<Response> create(@Valid @NotNull CategoryRequest request) {
    return categories
        .create(request)
        .map(category -> Response.status(Response.Status.CREATED).entity(category).build());
  }

  @PUT
  @Path("/{categoryId}")
  public Uni<CategoryView> update(
      @PathParam("categoryId") UUID categoryId, @Valid @NotNull CategoryRequest request) {
    return categories.update(categoryId, request);
  }

  @GET
  public Uni<List<CategoryView>> list() {
    return categories.list();
  }
}
