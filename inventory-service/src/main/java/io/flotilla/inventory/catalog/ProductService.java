package io.flotilla.inventory.catalog;

import io.flotilla.inventory.InventoryConfig;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The shared catalog's products, as the admin manages them. */
@ApplicationScoped
public class ProductService {

  /** A product without any stock is always low: nothing is above any threshold. */
  private static final StockLevels NO_STOCK = new StockLevels(0, 0, 0, 0, 0, true);

  private final StockLevelsRepository levels;
  private final InventoryConfig config;
  private final Clock clock;

  public ProductService(StockLevelsRepository levels, InventoryConfig config, Clock clock) {
    this.levels = levels;
    this.config = config;
    this.clock = clock;
  }

  /** Creates a product with an empty stock counter. */
  @WithTransaction
  public Uni<ProductView> create(CreateProductRequest request) {
    return knownCategory(request.categoryId())
        .chain(
            category -> {
              Instant now = clock.instant();
              Product product = new Product();
              product.id = UUID.randomUUID();
              product.categoryId = category.id;
              product.nameEn = request.nameEn().strip();
              product.nameZh = request.nameZh();
              product.descriptionEn = request.descriptionEn();
              product.descriptionZh = request.descriptionZh();
              product.kind = request.kind();
              product.basePrice = request.basePrice();
              product.active = request.active() == null || request.active();
              product.lowStockThreshold =
                  request.lowStockThreshold() == null ? 0 : request.lowStockThreshold();
              product.maxPerOrder = request.maxPerOrder();
              product.maxMarkupPercentBasisPoints = request.maxMarkupPercentBp();
              product.maxMarkupFixed = request.maxMarkupFixed();
              product.createdAt = now;
              product.updatedAt = now;
              ProductStock stock = new ProductStock();
              stock.productId = product.id;
              return product
                  .persist()
                  .chain(stock::persist)
                  .map(saved -> ProductView.of(product, config.currency(), NO_STOCK));
            });
  }

  @WithTransaction
  public Uni<Product> update(UUID id, UpdateProductRequest request) {
    Uni<Void> categoryCheck =
        request.categoryId() == null
            ? Uni.createFrom().voidItem()
            : knownCategory(request.categoryId()).replaceWithVoid();
    return categoryCheck
        .chain(() -> existing(id))
        .map(
            product -> {
              if (request.categoryId() != null) {
                product.categoryId = request.categoryId();
              }
              if (request.nameEn() != null) {
                product.nameEn = request.nameEn().strip();
              }
              if (request.nameZh() != null) {
                product.nameZh = request.nameZh();
              }
              if (request.descriptionEn() != null) {
                product.descriptionEn = request.descriptionEn();
              }
              if (request.descriptionZh() != null) {
                product.descriptionZh = request.descriptionZh();
              }
              if (request.basePrice() != null) {
                product.basePrice = request.basePrice();
              }
              if (request.active() != null) {
                product.active = request.active();
              }
              if (request.lowStockThreshold() != null) {
                product.lowStockThreshold = request.lowStockThreshold();
              }
              if (request.maxPerOrder() != null) {
                product.maxPerOrder = request.maxPerOrder();
              }
              if (request.maxMarkupPercentBp() != null) {
                product.maxMarkupPercentBasisPoints = request.maxMarkupPercentBp();
              }
              if (request.maxMarkupFixed() != null) {
                product.maxMarkupFixed = request.maxMarkupFixed();
              }
              product.updatedAt = clock.instant();
              return product;
            });
  }

  @WithSession
  public Uni<Product> find(UUID id) {
    return existing(id);
  }

  @WithSession
  public Uni<List<Product>> list(UUID categoryId, boolean includeInactive) {
    String query =
        (categoryId == null ? "1 = 1" : "categoryId = :category")
            + (includeInactive ? "" : " and active = true");
    Parameters parameters =
        categoryId == null ? new Parameters() : Parameters.with("category", categoryId);
    return Product.<Product>find(query, Sort.by("nameEn").and("id"), parameters).list();
  }

  @WithSession
  public Uni<List<Product>> byIds(List<UUID> ids) {
    return Product.<Product>list("id in ?1", ids);
  }

  /** The view of one product, with its stock levels read after any change committed. */
  public Uni<ProductView> view(Product product) {
    return views(List.of(product)).map(List::getFirst);
  }

  public Uni<List<ProductView>> views(List<Product> products) {
    return levels
        .levels(products.stream().map(product -> product.id).toList())
        .map(
            byProduct ->
                products.stream()
                    .map(
                        product ->
                            ProductView.of(
                                product,
                                config.currency(),
                                byProduct.getOrDefault(product.id, NO_STOCK)))
                    .toList());
  }

  /** Active products at or below their low-stock threshold, lowest first. */
  public Uni<List<ProductView>> lowStock() {
    return levels
        .low()
        .chain(
            low ->
                low.isEmpty()
                    ? Uni.createFrom().item(List.<ProductView>of())
                    : byIds(List.copyOf(low.keySet())).map(products -> lowFirst(products, low)));
  }

  private List<ProductView> lowFirst(List<Product> products, Map<UUID, StockLevels> low) {
    Map<UUID, Product> byId =
        products.stream().collect(Collectors.toMap(product -> product.id, product -> product));
    return low.entrySet().stream()
        .filter(entry -> byId.containsKey(entry.getKey()))
        .map(entry -> ProductView.of(byId.get(entry.getKey()), config.currency(), entry.getValue()))
        .toList();
  }

  /**
   * @throws ProblemException 404 when there is no such product
   */
  public static Uni<Product> existing(UUID id) {
    return Product.<Product>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("No product " + id));
  }

  private static Uni<Category> knownCategory(UUID id) {
    return Category.<Category>findById(id)
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ProblemException.unprocessable(
                    "unknown-category", "No category " + id + " exists"));
  }
}
