package io.flotilla.inventory.catalog;

import io.flotilla.contracts.money.Markup;
import io.flotilla.inventory.InventoryConfig;
import io.flotilla.inventory.pricing.Agent;
import io.flotilla.inventory.pricing.PriceOverride;
import io.flotilla.inventory.pricing.Seller;
import io.flotilla.inventory.pricing.UnitPrice;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a shop's customers browse: active products, how many are left, at the shop's price. */
@ApplicationScoped
public class CatalogService {

  private final InventoryConfig config;

  public CatalogService(InventoryConfig config) {
    this.config = config;
  }

  /**
   * @throws ProblemException 422 {@code unknown-agent} or {@code agent-paused}
   */
  @WithSession
  public Uni<TenantCatalog> catalog(String tenantId, UUID categoryId) {
    String query = "active = true" + (categoryId == null ? "" : " and categoryId = :category");
    Parameters parameters =
        categoryId == null ? new Parameters() : Parameters.with("category", categoryId);
    return seller(tenantId)
        .chain(
            seller ->
                Product.<Product>find(query, Sort.by("nameEn").and("id"), parameters)
                    .list()
                    .chain(products -> entries(seller, products)))
        .map(entries -> new TenantCatalog(tenantId, config.currency(), entries));
  }

  /**
   * One active product at the shop's price.
   *
   * @throws ProblemException 404 when the product does not exist or is not on sale
   */
  @WithSession
  public Uni<CatalogEntry> entry(String tenantId, UUID productId) {
    return seller(tenantId)
        .chain(
            seller ->
                Product.<Product>findById(productId)
                    .chain(
                        product -> {
                          if (product == null || !product.active) {
                            throw ProblemException.notFound("No product " + productId + " on sale");
                          }
                          return entries(seller, List.of(product));
                        }))
        .map(List::getFirst);
  }

  private static Uni<Seller> seller(String tenantId) {
    if (Seller.MASTER.equals(tenantId)) {
      return Uni.createFrom().item(Seller.master());
    }
    return Agent.<Agent>findById(tenantId).map(agent -> Seller.of(tenantId, agent));
  }

  private Uni<List<CatalogEntry>> entries(Seller seller, List<Product> products) {
    if (products.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<UUID> ids = products.stream().map(product -> product.id).toList();
    Uni<Map<UUID, ProductStock>> stock =
        ProductStock.<ProductStock>list("productId in ?1", ids)
            .map(rows -> rows.stream().collect(Collectors.toMap(s -> s.productId, s -> s)));
    Uni<Map<UUID, Markup>> overrides =
        seller.isMaster()
            ? Uni.createFrom().item(Map.of())
            : PriceOverride.<PriceOverride>list(
                    "agentId = ?1 and productId in ?2", seller.tenantId(), ids)
                .map(
                    rows ->
                        rows.stream()
                            .collect(Collectors.toMap(o -> o.productId, PriceOverride::markup)));
    return stock.chain(
        byProduct -> overrides.map(markups -> toEntries(seller, products, byProduct, markups)));
  }

  private List<CatalogEntry> toEntries(
      Seller seller,
      List<Product> products,
      Map<UUID, ProductStock> stock,
      Map<UUID, Markup> overrides) {
    int serviceLimit = config.orders().maxQuantity();
    return products.stream()
        .map(
            product -> {
              UnitPrice price =
                  seller.price(
                      product.basePrice,
                      overrides.get(product.id),
                      product.maxMarkupPercentBasisPoints,
                      product.maxMarkupFixed);
              ProductStock level = stock.get(product.id);
              return new CatalogEntry(
                  product.id,
                  product.categoryId,
                  product.nameEn,
                  product.nameZh,
                  product.descriptionEn,
                  product.descriptionZh,
                  product.kind,
                  level == null ? 0 : level.available,
                  product.quantityLimit(serviceLimit),
                  price.basePrice(),
                  price.markup(),
                  price.price(),
                  config.currency());
            })
        .toList();
  }
}
