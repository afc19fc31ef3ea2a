package io.flotilla.fleet.feature.shop;

import io.flotilla.fleet.i18n.Language;
import io.flotilla.platform.problem.RemoteProblemMapper;
import io.flotilla.platform.security.ServiceTokenClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The inventory service's internal API as the shop bots use it: this shop's catalog at its prices,
 * placing an order, and the customer's orders. Refusals arrive as {@code ProblemException}s with
 * the inventory's slug ({@code out-of-stock}, {@code price-changed}, {@code
 * insufficient-funds}...).
 */
@Path("/internal")
@RegisterRestClient(configKey = "inventory")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(RemoteProblemMapper.class)
public interface InventoryClient {

  @GET
  @Path("/categories")
  Uni<List<CategoryView>> categories();

  /** The shop's active products, of one category or (null) all of them. */
  @GET
  @Path("/catalog")
  Uni<CatalogView> catalog(
      @QueryParam("tenant_id") String tenantId, @QueryParam("category_id") UUID categoryId);

  @GET
  @Path("/catalog/{productId}")
  Uni<CatalogEntryView> product(
      @PathParam("productId") UUID productId, @QueryParam("tenant_id") String tenantId);

  /** Places an order once per key: a repeated key answers the order the first request made. */
  @POST
  @Path("/orders")
  Uni<OrderView> order(@HeaderParam("Idempotency-Key") String idempotencyKey, OrderRequest order);

  @GET
  @Path("/orders")
  Uni<OrderPageView> orders(
      @QueryParam("tenant_id") String tenantId,
      @QueryParam("customer_id") long customerId,
      @QueryParam("page") int page,
      @QueryParam("limit") int limit);

  @GET
  @Path("/orders/{orderId}")
  Uni<OrderView> order(@PathParam("orderId") UUID orderId);

  /** A shelf of the catalog. */
  record CategoryView(UUID categoryId, String nameEn, String nameZh, int sortOrder) {

    public String name(Language language) {
      return inLanguage(language, nameEn, nameZh);
    }
  }

  /** The shop's catalog in its currency. */
  record CatalogView(String tenantId, String currency, List<CatalogEntryView> products) {}

  /** A product as this shop sells it: {@code price} is what its customer pays per item. */
  record CatalogEntryView(
      UUID productId,
      UUID categoryId,
      String nameEn,
      String nameZh,
      String descriptionEn,
      String descriptionZh,
      String kind,
      long available,
      Integer maxPerOrder,
      long price,
      String currency) {

    public String name(Language language) {
      return inLanguage(language, nameEn, nameZh);
    }

    public String description(Language language) {
      String description = inLanguage(language, descriptionEn, descriptionZh);
      return description == null ? "" : description;
    }

    public boolean uniqueCodes() {
      return "unique".equalsIgnoreCase(kind);
    }

    /** The most one order may take now: the stock, and the product's limit if it has one. */
    public long mostPerOrder() {
      return maxPerOrder == null ? available : Math.min(available, maxPerOrder);
    }
  }

  /** A purchase at the unit price the customer was shown. */
  record OrderRequest(
      String tenantId, long customerId, UUID productId, int quantity, long expectedUnitPrice) {}

  /** An order; {@code items} holds the delivered codes of a delivered unique-codes order. */
  record OrderView(
      UUID orderId,
      String tenantId,
      long customerId,
      UUID productId,
      String productKind,
      int quantity,
      long agentUnitPrice,
      long totalPrice,
      String currency,
      String state,
      List<OrderItemView> items,
      Instant createdAt) {

    public OrderView {
      items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean delivered() {
      return "completed".equals(state);
    }

    @Override
    public String toString() {
      // The codes are the goods: never in a log line.
      return "OrderView[" + orderId + ", " + state + "]";
    }
  }

  /** One delivered item. */
  record OrderItemView(long itemId, String code, String state) {

    @Override
    public String toString() {
      return "OrderItemView[" + itemId + "]";
    }
  }

  /** A page of orders, newest first. */
  record OrderPageView(List<OrderView> items, int page, int limit, long total) {}

  private static String inLanguage(Language language, String english, String chinese) {
    return language == Language.ZH && chinese != null && !chinese.isBlank() ? chinese : english;
  }
}
