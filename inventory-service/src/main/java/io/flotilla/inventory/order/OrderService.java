package io.flotilla.inventory.order;

import io.flotilla.contracts.ids.TimeOrderedIds;
import io.flotilla.inventory.InventoryConfig;
import io.flotilla.inventory.ledger.Ledger;
import io.flotilla.inventory.ledger.Payment;
import io.flotilla.inventory.ledger.PaymentOutcome;
import io.flotilla.inventory.ledger.PaymentRequest;
import io.flotilla.inventory.pricing.Seller;
import io.flotilla.inventory.pricing.UnitPrice;
import io.flotilla.platform.batch.BatchLane;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sells: reserve the stock (order written as RESERVED), pay through the ledger (idempotent by order
 * id), then complete the order — or release the reservation when the ledger refuses. When the
 * payment outcome is unknown the order stays reserved; a replay of the idempotency key or the
 * recovery job settles it by asking the ledger.
 */
@ApplicationScoped
public class OrderService {

  private static final Logger LOG = Logger.getLogger(OrderService.class);

  private final OrderStore store;
  private final OrderTermsCache terms;
  private final BatchLane<NewOrder, OrderStore.Reservation> reservations;
  private final BatchLane<OrderStore.Completion, Optional<List<DeliveredItem>>> completions;
  private final OrderSettlement settlement;
  private final Ledger ledger;
  private final InventoryConfig config;
  private final Clock clock;

  public OrderService(
      OrderStore store,
      OrderTermsCache terms,
      OrderSettlement settlement,
      Ledger ledger,
      InventoryConfig config,
      Clock clock) {
    this.store = store;
    this.terms = terms;
    // One reservation transaction at a time: two batches of this instance never queue on the same
    // counter row, and a hot product costs one counter update per batch.
    this.reservations = new BatchLane<>(config.orders().maxReservationBatch(), 1, store::reserve);
    this.completions =
        new BatchLane<>(
            config.orders().maxCompletionBatch(),
            config.orders().completionBatchesInFlight(),
            batch ->
                store
                    .complete(batch)
                    .onFailure()
                    .invoke(
                        failure ->
                            LOG.warnf(
                                "A batch of %d order completions failed; each is settled alone: %s",
                                batch.size(), failure.toString())));
    this.settlement = settlement;
    this.ledger = ledger;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Places an order, or answers a replay of its idempotency key with the same order.
   *
   * @throws ProblemException 409 {@code out-of-stock}, {@code price-changed} (a new purchase whose
   *     expected unit price is not the price now); 422 {@code unknown-agent}, {@code agent-paused},
   *     {@code unknown-product}, {@code product-inactive}, {@code quantity-over-limit}, {@code
   *     idempotency-key-reused}, {@code insufficient-funds}, {@code payment-refused}
   */
  public Uni<PlacedOrder> place(PlaceOrderRequest request, String idempotencyKey) {
    OrderContext cached = terms.cached(request.tenantId(), request.productId());
    if (cached != null) {
      NewOrder order;
      try {
        order = newOrder(request, idempotencyKey, cached);
      } catch (ProblemException refused) {
        // Refused on kept terms: the database has the last word, and the key may name an order
        // placed before the refusal's cause, which a replay must return.
        return placeOnFreshTerms(request, idempotencyKey);
      }
      // A used key is noticed by the reservation itself, before stock is counted.
      return reserveAndPay(order, request);
    }
    return placeOnFreshTerms(request, idempotencyKey);
  }

  private Uni<PlacedOrder> placeOnFreshTerms(PlaceOrderRequest request, String idempotencyKey) {
    return terms
        .load(request.tenantId(), request.productId(), idempotencyKey)
        .chain(
            context ->
                context.existingOrderId() != null
                    ? replay(context.existingOrderId(), request)
                    : reserveAndPay(newOrder(request, idempotencyKey, context), request));
  }

  @WithSession
  public Uni<OrderPage> list(String tenantId, Long customerId, int page, int limit) {
    String query = "tenantId = :tenant" + (customerId == null ? "" : " and customerId = :customer");
    Parameters parameters = Parameters.with("tenant", tenantId);
    if (customerId != null) {
      parameters = parameters.and("customer", customerId);
    }
    var orders =
        CustomerOrder.<CustomerOrder>find(
                query,
                Sort.descending("createdAt").and("id", Sort.Direction.Descending),
                parameters)
            .page(Page.of(page - 1, limit));
    return orders
        .list()
        .chain(
            items ->
                orders
                    .count()
                    .map(
                        total ->
                            new OrderPage(
                                items.stream().map(OrderView::summary).toList(),
                                page,
                                limit,
                                total)));
  }

  private NewOrder newOrder(PlaceOrderRequest request, String key, OrderContext context) {
    Seller seller = Seller.of(request.tenantId(), context.agent());
    OrderContext.ProductTerms product = context.product();
    if (product == null) {
      throw ProblemException.unprocessable(
          "unknown-product", "No product " + request.productId() + " exists");
    }
    if (!product.active()) {
      throw ProblemException.unprocessable(
          "product-inactive", "Product " + product.id() + " is not on sale");
    }
    int limit = product.quantityLimit(config.orders().maxQuantity());
    if (request.quantity() > limit) {
      throw new ProblemException(
          422,
          "quantity-over-limit",
          "Unprocessable request",
          "One order may buy at most " + limit + " of this product",
          Map.of("max_quantity", limit));
    }
    UnitPrice price;
    long total;
    try {
      price =
          seller.price(
              product.basePrice(),
              context.override(),
              product.maxMarkupPercentBasisPoints(),
              product.maxMarkupFixed());
      total = price.total(request.quantity());
    } catch (ArithmeticException overflow) {
      throw ProblemException.unprocessable(
          "price-out-of-range", "The price of this order is beyond what can be charged");
    }
    // The price shown is the price charged. Checked on the terms priced for the reservation, so it
    // costs nothing; a refusal on kept terms is looked at again on fresh ones (see place), which
    // also lets a replay of the key return its order whatever the price is now.
    if (request.expectedUnitPrice() != null && request.expectedUnitPrice() != price.price()) {
      throw new ProblemException(
          409,
          "price-changed",
          "Conflict",
          "The price per item is now " + price.price() + " " + config.currency(),
          Map.of("unit_price", price.price(), "currency", config.currency()));
    }
    Instant now = clock.instant();
    return new NewOrder(
        TimeOrderedIds.next(),
        request.tenantId(),
        key,
        seller.soldBy(),
        request.customerId(),
        product.id(),
        product.kind(),
        request.quantity(),
        price,
        total,
        config.currency(),
        now,
        now.plus(config.orders().reservationTimeout()));
  }

  private Uni<PlacedOrder> reserveAndPay(NewOrder order, PlaceOrderRequest request) {
    return reservations
        .submit(order)
        .chain(
            reservation ->
                switch (reservation) {
                  case RESERVED -> pay(OrderView.reserved(order), PlacedOrder.Outcome.CREATED);
                  case OUT_OF_STOCK ->
                      Uni.createFrom()
                          .failure(
                              ProblemException.conflict(
                                  "out-of-stock",
                                  "Not enough stock left for " + order.quantity() + " items"));
                  case DUPLICATE_KEY ->
                      store
                          .context(order.tenantId(), order.productId(), order.idempotencyKey())
                          .chain(context -> replay(context.existingOrderId(), request));
                });
  }

  /**
   * Asks the ledger to pay a reserved order and settles the order by its answer. Safe to repeat:
   * the ledger books an order once, and completion and release only act on a reserved order.
   */
  private Uni<PlacedOrder> pay(OrderView reserved, PlacedOrder.Outcome onPaid) {
    UUID orderId = reserved.orderId();
    return ledger
        .pay(paymentRequest(reserved))
        .chain(
            outcome ->
                switch (outcome) {
                  case PaymentOutcome.Paid paid ->
                      complete(reserved, paid.payment())
                          .map(view -> settledAfterPayment(view, onPaid));
                  case PaymentOutcome.Refused refused -> {
                    ReleaseReason reason =
                        refused.insufficientFunds()
                            ? ReleaseReason.INSUFFICIENT_FUNDS
                            : ReleaseReason.PAYMENT_REFUSED;
                    yield store
                        .release(orderId, reason, clock.instant(), null)
                        .chain(released -> settlement.find(orderId))
                        .map(this::settledAfterRefusal);
                  }
                  case PaymentOutcome.Unknown unknown ->
                      settlement
                          .find(orderId)
                          .map(view -> new PlacedOrder(view, PlacedOrder.Outcome.PENDING));
                });
  }

  /**
   * Completes a paid order together with the others paid meanwhile (order, items and OrderPlaced in
   * one transaction). An order that is no longer reserved — completed by a racing replay, or
   * released meanwhile — or whose batch failed is settled on its own by {@link
   * OrderSettlement#complete}, which knows those cases.
   */
  private Uni<OrderView> complete(OrderView reserved, Payment payment) {
    Instant now = clock.instant();
    return completions
        .submit(
            new OrderStore.Completion(
                reserved.orderId(), payment.paymentId(), now, reserved.placed(now)))
        .onFailure()
        .recoverWithItem(Optional.empty())
        .chain(
            delivered ->
                delivered.isPresent()
                    ? Uni.createFrom()
                        .item(reserved.completed(payment.paymentId(), now, delivered.get()))
                    : settlement.complete(reserved.orderId(), payment));
  }

  /**
   * A paid order as its buyer sees it: delivered, or — when the payment reached the ledger only
   * after the reservation had expired and was refunded — the expiry, every time it is asked.
   */
  private PlacedOrder settledAfterPayment(OrderView view, PlacedOrder.Outcome onPaid) {
    if (view.state() == OrderState.REFUNDED
        && OrderSettlement.PAID_AFTER_RELEASE.equals(view.refundReason())) {
      throw ReleaseReason.EXPIRED.problem(view.orderId().toString());
    }
    return new PlacedOrder(view, onPaid);
  }

  /** After a refusal the order is released — by this request or, if it raced, by another. */
  private PlacedOrder settledAfterRefusal(OrderView view) {
    if (view.state() == OrderState.RELEASED) {
      throw ReleaseReason.ofSlug(view.releaseReason()).problem(view.orderId().toString());
    }
    return new PlacedOrder(view, PlacedOrder.Outcome.REPLAYED);
  }

  /**
   * Answers a repeated request with what the first one produced. A reservation still within its
   * time is driven on (the payment is idempotent); an expired one is left to the recovery job.
   */
  private Uni<PlacedOrder> replay(UUID orderId, PlaceOrderRequest request) {
    return settlement
        .find(orderId)
        .chain(
            view -> {
              if (view.customerId() != request.customerId()
                  || !view.productId().equals(request.productId())
                  || view.quantity() != request.quantity()) {
                throw ProblemException.unprocessable(
                    "idempotency-key-reused",
                    "This idempotency key was used for a different order");
              }
              return switch (view.state()) {
                case COMPLETED, REFUNDED ->
                    Uni.createFrom().item(settledAfterPayment(view, PlacedOrder.Outcome.REPLAYED));
                case RELEASED ->
                    Uni.createFrom()
                        .failure(
                            ReleaseReason.ofSlug(view.releaseReason()).problem(orderId.toString()));
                case RESERVED ->
                    view.reservedUntil().isAfter(clock.instant())
                        ? pay(view, PlacedOrder.Outcome.REPLAYED)
                        : Uni.createFrom().item(new PlacedOrder(view, PlacedOrder.Outcome.PENDING));
              };
            });
  }

  private static PaymentRequest paymentRequest(OrderView order) {
    return new PaymentRequest(
        order.orderId(),
        order.tenantId(),
        order.soldBy(),
        order.customerId(),
        order.quantity(),
        order.baseUnitPrice(),
        order.agentUnitPrice(),
        order.markupPerUnit(),
        order.currency());
  }
}
