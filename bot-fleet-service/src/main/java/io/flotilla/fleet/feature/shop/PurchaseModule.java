package io.flotilla.fleet.feature.shop;

import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Step;
import io.flotilla.fleet.feature.menu.MainMenu;
import io.flotilla.fleet.feature.shop.CatalogModule.OpenProduct;
import io.flotilla.fleet.feature.shop.InventoryClient.CatalogEntryView;
import io.flotilla.fleet.feature.shop.InventoryClient.OrderRequest;
import io.flotilla.fleet.feature.shop.InventoryClient.OrderView;
import io.flotilla.fleet.feature.wallet.LedgerClient;
import io.flotilla.fleet.feature.wallet.TopUpModule.OpenTopUp;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Buying: how many (a button or a typed number), a confirmation with the unit price, the total and
 * the wallet's balance, then one order and its codes. The confirmation is a conversation step whose
 * id is the order's idempotency key and travels in the Confirm button, so a double tap or a
 * replayed press never orders twice, and an old confirmation cannot be confirmed. Every step asks
 * the inventory again; the customer is always the person pressing, never what a button says.
 */
@ApplicationScoped
public class PurchaseModule implements BotModule {

  static final List<Integer> QUANTITY_CHOICES = List.of(1, 2, 5, 10);
  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,9}");

  /** "Buy" on a product: asks how many. */
  @CallbackData.Tag("buy")
  public record Buy(UUID product) implements CallbackData {}

  @CallbackData.Tag("buyq")
  public record BuyQuantity(UUID product, int quantity) implements CallbackData {}

  @CallbackData.Tag("buyok")
  public record Confirm(UUID confirmation) implements CallbackData {}

  @CallbackData.Tag("buyno")
  public record Cancel(UUID confirmation) implements CallbackData {}

  /** Waiting for a typed quantity of this product. */
  public record ChoosingQuantity(UUID productId) {}

  /** A confirmation shown: its id is the order's idempotency key. */
  public record Checkout(
      UUID confirmation,
      UUID productId,
      String productName,
      int quantity,
      long unitPrice,
      String currency) {}

  static final Step<ChoosingQuantity> QUANTITY = Step.of("shop.quantity", ChoosingQuantity.class);
  static final Step<Checkout> CONFIRMING = Step.of("shop.confirm", Checkout.class);

  private final InventoryClient inventory;
  private final LedgerClient ledger;

  public PurchaseModule(@RestClient InventoryClient inventory, @RestClient LedgerClient ledger) {
    this.inventory = inventory;
    this.ledger = ledger;
  }

  @Override
  public int order() {
    return 15;
  }

  @Override
  public void routes(Router router) {
    router.callback(Buy.class, (ctx, buy) -> askQuantity(ctx, buy.product()));
    router.step(QUANTITY, this::typedQuantity);
    router.callback(
        BuyQuantity.class, (ctx, chosen) -> chosen(ctx, chosen.product(), chosen.quantity()));
    router.step(
        CONFIRMING,
        (ctx, checkout) -> ctx.reply(ctx.t("shop.confirm.use-buttons")).replaceWithVoid());
    router.callback(Confirm.class, this::confirm);
    router.callback(Cancel.class, this::cancel);
  }

  private Uni<Void> askQuantity(Ctx ctx, UUID productId) {
    return product(ctx, productId)
        .chain(
            product -> {
              long most = product.mostPerOrder();
              if (most <= 0) {
                return soldOut(ctx, product);
              }
              List<Keyboard.Button> choices =
                  QUANTITY_CHOICES.stream()
                      .filter(quantity -> quantity <= most)
                      .map(
                          quantity ->
                              Keyboard.Button.of(
                                  String.valueOf(quantity), new BuyQuantity(productId, quantity)))
                      .toList();
              Keyboard keyboard =
                  Keyboard.builder()
                      .row(choices)
                      .row(
                          Keyboard.Button.of(ctx.t("shop.back"), new OpenProduct(productId)),
                          MainMenu.homeButton(ctx))
                      .build();
              return ctx.enter(QUANTITY, new ChoosingQuantity(productId))
                  .chain(
                      () ->
                          ctx.show(
                              ctx.t(
                                  "shop.quantity.ask",
                                  product.name(ctx.language()),
                                  ctx.money(product.price(), product.currency()),
                                  String.valueOf(most)),
                              keyboard));
            })
        .onFailure(ProblemException.class)
        .recoverWithUni(failure -> CatalogModule.refused(ctx, (ProblemException) failure));
  }

  private Uni<Void> typedQuantity(Ctx ctx, ChoosingQuantity choosing) {
    String typed = ctx.text().strip();
    if (!WHOLE_NUMBER.matcher(typed).matches()) {
      return ctx.reply(ctx.t("shop.quantity.not-a-number")).replaceWithVoid();
    }
    return chosen(ctx, choosing.productId(), Integer.parseInt(typed));
  }

  /** A quantity chosen by button or typed: checked against the stock now, then confirmed. */
  private Uni<Void> chosen(Ctx ctx, UUID productId, int quantity) {
    if (quantity <= 0) {
      return say(ctx, ctx.t("shop.quantity.too-small"));
    }
    return product(ctx, productId)
        .chain(
            product -> {
              long most = product.mostPerOrder();
              if (most <= 0) {
                return soldOut(ctx, product);
              }
              if (quantity > most) {
                return say(ctx, ctx.t("shop.quantity.too-large", String.valueOf(most)));
              }
              return confirmation(ctx, product, quantity, product.price(), "");
            })
        .onFailure(ProblemException.class)
        .recoverWithUni(failure -> CatalogModule.refused(ctx, (ProblemException) failure));
  }

  /** Shows what the order will cost against the wallet; the step remembers what was shown. */
  private Uni<Void> confirmation(
      Ctx ctx, CatalogEntryView product, int quantity, long unitPrice, String notice) {
    Checkout checkout =
        new Checkout(
            UUID.randomUUID(),
            product.productId(),
            product.name(ctx.language()),
            quantity,
            unitPrice,
            product.currency());
    long total = Math.multiplyExact(unitPrice, (long) quantity);
    return ledger
        .wallet(ctx.bot().tenantId(), ctx.userId())
        .chain(
            wallet ->
                ctx.enter(CONFIRMING, checkout)
                    .chain(
                        () ->
                            ctx.show(
                                notice
                                    + ctx.t(
                                        "shop.confirm",
                                        product.name(ctx.language()),
                                        String.valueOf(quantity),
                                        ctx.money(unitPrice, product.currency()),
                                        ctx.money(total, product.currency()),
                                        ctx.money(wallet.balance(), wallet.currency())),
                                Keyboard.of(
                                    Keyboard.Button.of(
                                        ctx.t("shop.confirm.yes"),
                                        new Confirm(checkout.confirmation())),
                                    Keyboard.Button.of(
                                        ctx.t("shop.confirm.no"),
                                        new Cancel(checkout.confirmation()))))));
  }

  private Uni<Void> confirm(Ctx ctx, Confirm confirm) {
    Optional<Checkout> shown = checkout(ctx, confirm.confirmation());
    if (shown.isEmpty()) {
      return ctx.answer(ctx.t("shop.confirm.used"), true);
    }
    Checkout checkout = shown.get();
    OrderRequest request =
        new OrderRequest(
            ctx.bot().tenantId(),
            ctx.userId(),
            checkout.productId(),
            checkout.quantity(),
            checkout.unitPrice());
    // Only the order's own refusals are read here; a failure after it was placed is not one.
    return inventory
        .order(checkout.confirmation().toString(), request)
        .onItemOrFailure()
        .transformToUni(
            (order, failure) ->
                switch (failure) {
                  case null -> placed(ctx, order, checkout.productName());
                  // A 5xx says nothing of whether the order was placed: the confirmation stays,
                  // so pressing Confirm again replays the same idempotency key.
                  case ProblemException refused when refused.status() < 500 ->
                      refusedOrder(ctx, checkout, refused);
                  default -> Uni.createFrom().failure(failure);
                });
  }

  /**
   * The codes first — the customer is waiting for them, and the confirmation already named the
   * product — then the conversation ends and the new balance follows.
   */
  private Uni<Void> placed(Ctx ctx, OrderView order, String productName) {
    Keyboard next =
        Keyboard.of(
            Keyboard.Button.of(ctx.t("shop.more"), new OpenProduct(order.productId())),
            MainMenu.homeButton(ctx));
    if (!order.delivered()) {
      // Paid or not, the inventory has not finished: the order shows in /orders once it has.
      return ctx.leave()
          .chain(
              () -> ctx.show(ctx.t("shop.order.pending"), Keyboard.of(MainMenu.homeButton(ctx))));
    }
    return Delivery.show(ctx, order, productName, null)
        .chain(ctx::leave)
        .chain(() -> ledger.wallet(ctx.bot().tenantId(), ctx.userId()))
        .chain(
            wallet ->
                ctx.reply(
                    ctx.t("shop.balance.after", ctx.money(wallet.balance(), wallet.currency())),
                    next))
        .replaceWithVoid();
  }

  private Uni<Void> refusedOrder(Ctx ctx, Checkout checkout, ProblemException problem) {
    return switch (problem.slug()) {
      case "price-changed" ->
          product(ctx, checkout.productId())
              .chain(
                  product -> {
                    long newPrice = number(problem, "unit_price").orElse(product.price());
                    return confirmation(
                        ctx,
                        product,
                        checkout.quantity(),
                        newPrice,
                        ctx.t("shop.price-changed", ctx.money(newPrice, product.currency()))
                            + "\n\n");
                  })
              .onFailure(ProblemException.class)
              .recoverWithUni(failure -> leaveAnd(ctx, (ProblemException) failure));
      case "insufficient-funds" ->
          ctx.leave()
              .chain(() -> ledger.wallet(ctx.bot().tenantId(), ctx.userId()))
              .chain(
                  wallet -> {
                    long total =
                        Math.multiplyExact(checkout.unitPrice(), (long) checkout.quantity());
                    long shortfall = Math.max(1, total - wallet.balance());
                    return ctx.show(
                        ctx.t(
                            "shop.insufficient-funds",
                            ctx.money(total, checkout.currency()),
                            ctx.money(wallet.balance(), wallet.currency()),
                            ctx.money(shortfall, checkout.currency())),
                        Keyboard.of(
                            Keyboard.Button.of(ctx.t("menu.topup"), new OpenTopUp()),
                            MainMenu.homeButton(ctx)));
                  });
      case "out-of-stock" ->
          ctx.leave()
              .chain(
                  () ->
                      ctx.show(
                          ctx.t("shop.out-of-stock"),
                          Keyboard.of(
                              Keyboard.Button.of(
                                  ctx.t("shop.back"), new OpenProduct(checkout.productId())),
                              MainMenu.homeButton(ctx))));
      case "quantity-over-limit" ->
          ctx.leave()
              .chain(
                  () ->
                      ctx.show(
                          ctx.t(
                              "shop.quantity.too-large",
                              number(problem, "max_quantity").map(String::valueOf).orElse("?")),
                          Keyboard.of(
                              Keyboard.Button.of(ctx.t("shop.back"), new Buy(checkout.productId())),
                              MainMenu.homeButton(ctx))));
      case "payment-refused", "reservation-expired" ->
          ctx.leave()
              .chain(
                  () ->
                      ctx.show(
                          ctx.t("shop.payment-refused"), Keyboard.of(MainMenu.homeButton(ctx))));
      default -> leaveAnd(ctx, problem);
    };
  }

  private Uni<Void> leaveAnd(Ctx ctx, ProblemException problem) {
    return ctx.leave().chain(() -> CatalogModule.refused(ctx, problem));
  }

  private Uni<Void> cancel(Ctx ctx, Cancel cancel) {
    Optional<Checkout> shown = checkout(ctx, cancel.confirmation());
    if (shown.isEmpty()) {
      return ctx.answer(ctx.t("shop.confirm.used"), true);
    }
    return ctx.leave()
        .chain(
            () ->
                ctx.show(
                    ctx.t("shop.cancelled"),
                    Keyboard.of(
                        Keyboard.Button.of(
                            ctx.t("shop.back"), new OpenProduct(shown.get().productId())),
                        MainMenu.homeButton(ctx))));
  }

  /** The confirmation the person is at, if it is the one whose button they pressed. */
  private static Optional<Checkout> checkout(Ctx ctx, UUID confirmation) {
    if (!ctx.conversation().isAt(CONFIRMING)) {
      return Optional.empty();
    }
    Checkout checkout = ctx.stepData(CONFIRMING);
    return checkout.confirmation().equals(confirmation) ? Optional.of(checkout) : Optional.empty();
  }

  private Uni<CatalogEntryView> product(Ctx ctx, UUID productId) {
    return inventory.product(productId, ctx.bot().tenantId());
  }

  private static Uni<Void> soldOut(Ctx ctx, CatalogEntryView product) {
    return ctx.leave()
        .chain(
            () ->
                ctx.show(
                    ctx.t("shop.sold-out", product.name(ctx.language())),
                    Keyboard.of(MainMenu.homeButton(ctx))));
  }

  /** A message about what was typed or pressed; the person stays where they are. */
  private static Uni<Void> say(Ctx ctx, String text) {
    return ctx.callbackQuery() != null ? ctx.answer(text, true) : ctx.reply(text).replaceWithVoid();
  }

  private static Optional<Long> number(ProblemException problem, String property) {
    return problem.properties().get(property) instanceof Number value
        ? Optional.of(value.longValue())
        : Optional.empty();
  }
}
