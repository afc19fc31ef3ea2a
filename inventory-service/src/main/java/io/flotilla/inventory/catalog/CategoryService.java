package io.flotilla.inventory.catalog;

import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The catalog's shelves. */
@ApplicationScoped
public class CategoryService {

  private final Clock clock;

  public CategoryService(Clock clock) {
    this.clock = clock;
  }

  @WithTransaction
  public Uni<CategoryView> create(CategoryRequest request) {
    Instant now = clock.instant();
    Category category = new Category();
    category.id = UUID.randomUUID();
    category.createdAt = now;
    apply(category, request, now);
    return category.persist().map(saved -> CategoryView.of(category));
  }

  @WithTransaction
  public Uni<CategoryView> update(UUID id, CategoryRequest request) {
    return existing(id)
        .map(
            category -> {
              apply(category, request, clock.instant());
              return CategoryView.of(category);
            });
  }

  @WithSession
  public Uni<List<CategoryView>> list() {
    return Category.<Category>listAll(Sort.by("sortOrder").and("nameEn"))
        .map(categories -> categories.stream().map(CategoryView::of).toList());
  }

  /**
   * @throws ProblemException 404 when there is no such category
   */
  public static Uni<Category> existing(UUID id) {
    return Category.<Category>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No category " + id));
  }

  private static void apply(Category category, CategoryRequest request, Instant now) {
    category.nameEn = request.nameEn().strip();
    category.nameZh = request.nameZh();
    category.sortOrder = request.sortOrder() == null ? 0 : request.sortOrder();
    category.updatedAt = now;
  }
}
