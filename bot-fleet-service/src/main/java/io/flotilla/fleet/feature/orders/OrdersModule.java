package io.flotilla.fleet.feature.orders;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.menu.MainMenu;
import io.flotilla.fleet.feature.menu.MainMenuEntry;
import io.flotilla.fleet.feature.shop.Delivery;
import io.flotilla.fleet.feature.shop.InventoryClient;
import io.flotilla.fleet.feature.shop.InventoryClient.CatalogEntryView;
import io.flotilla.fleet.feature.shop.InventoryClient.OrderView;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code /orders}: the customer's orders in this shop, newest first, a page at a time; opening one
 * shows its codes again. An order is shown only to the customer who placed it, in the shop where
 * they placed it, whatever the button says.
 */
@ApplicationScoped
public class OrdersModule implements BotModule {

  static final int PAGE_SIZE = 5;
  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** A page of the orders, from 1. */
  @CallbackData.Tag("ords")
  public record OrdersPage(int page) implements CallbackData {}

  @CallbackData.Tag("ord")
  public record OpenOrder(UUID order) implements CallbackData {}

  private final InventoryClient inventory;

  public OrdersModule(@RestClient InventoryClient inventory) {
    this.inventory = inventory;
  }

  @Produces
  MainMenuEntry menuEntry() {
    return new MainMenuEntry(
        40,
        "menu.orders",
        new OrdersPage(1),
        EnumSet.of(TenantKind.MASTER, TenantKind.AGENT),
        Role.CUSTOMER);
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public void routes(Router router) {
    router.command("orders", ctx -> orders(ctx, 1)).menu("cmd.orders");
    router.callback(OrdersPage.class, (ctx, open) -> orders(ctx, open.page()));
    router.callback(OpenOrder.class, this::order);
  }

  private Uni<Void> orders(Ctx ctx, int requested) {
    int page = Math.max(1, requested);
    return inventory
        .orders(ctx.bot().tenantId(), ctx.userId(), page, PAGE_SIZE)
        .chain(
            orders ->
                names(ctx)
                    .chain(
                        names -> {
                          if (orders.total() == 0) {
                            return ctx.show(
                                ctx.t("orders.none"), Keyboard.of(MainMenu.homeButton(ctx)));
                          }
                          Keyboard.Builder keyboard = Keyboard.builder();
                          for (OrderView order : orders.items()) {
                            keyboard.row(
                                Keyboard.Button.of(
                                    ctx.t(
                                        "orders.button",
                                        DAY.format(order.createdAt()),
                                        name(ctx, names, order),
                                        String.valueOf(order.quantity()),
                                        ctx.money(order.totalPrice(), order.currency())),
                                    new OpenOrder(order.orderId())));
                          }
                          List<Keyboard.Button> navigation = new ArrayList<>();
                          if (page > 1) {
                            navigation.add(
                                Keyboard.Button.of(
                                    ctx.t("page.previous"), new OrdersPage(page - 1)));
                          }
                          if ((long) page * PAGE_SIZE < orders.total()) {
                            navigation.add(
                                Keyboard.Button.of(ctx.t("page.next"), new OrdersPage(page + 1)));
                          }
                          keyboard.row(navigation).row(MainMenu.homeButton(ctx));
                          return ctx.show(
                              ctx.t("orders.list", String.valueOf(orders.total())),
                              keyboard.build());
                        }));
  }

  private Uni<Void> order(Ctx ctx, OpenOrder open) {
    return inventory
        .order(open.order())
        .onFailure(
            failure -> failure instanceof ProblemException problem && problem.status() == 404)
        .recoverWithItem((OrderView) null)
        .chain(
            order -> {
              if (order == null
                  || order.customerId() != ctx.userId()
                  || !ctx.bot().tenantId().equals(order.tenantId())) {
                return ctx.answer(ctx.t("button.expired"), true);
              }
              Keyboard back =
                  Keyboard.of(
                      Keyboard.Button.of(ctx.t("orders.back"), new OrdersPage(1)),
                      MainMenu.homeButton(ctx));
              return names(ctx)
                  .chain(
                      names -> {
                        String name = name(ctx, names, order);
                        if (order.delivered()) {
                          return Delivery.show(ctx, order, name, back);
                        }
                        return ctx.show(
                            ctx.t(
                                "orders.state",
                                name,
                                String.valueOf(order.quantity()),
                                ctx.money(order.totalPrice(), order.currency()),
                                ctx.t("orders.state." + state(order))),
                            back);
                      });
            });
  }

  /** The shop's product names; an order of a product no longer sold is shown without one. */
  private Uni<Map<UUID, CatalogEntryView>> names(Ctx ctx) {
    return inventory
        .catalog(ctx.bot().tenantId(), null)
        .map(
            catalog ->
                catalog.products().stream()
                    .collect(Collectors.toMap(CatalogEntryView::productId, Function.identity())))
        .onFailure(ProblemException.class)
        .recoverWithItem(Map.of());
  }

  private static String name(Ctx ctx, Map<UUID, CatalogEntryView> names, OrderView order) {
    CatalogEntryView product = names.get(order.productId());
    return product == null ? ctx.t("shop.product.unnamed") : product.name(ctx.language());
  }

  private static String state(OrderView order) {
    return switch (order.state()) {
      case "reserved", "released", "refunded" -> order.state();
      default -> "completed";
    };
  }
}
