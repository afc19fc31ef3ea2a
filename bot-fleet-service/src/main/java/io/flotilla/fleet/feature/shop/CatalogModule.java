package io.flotilla.fleet.feature.shop;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.menu.MainMenu;
import io.flotilla.fleet.feature.menu.MainMenuEntry;
import io.flotilla.fleet.feature.shop.InventoryClient.CatalogEntryView;
import io.flotilla.fleet.feature.shop.InventoryClient.CategoryView;
import io.flotilla.fleet.feature.shop.PurchaseModule.Buy;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code /catalog}: the shop's categories, then a category's products, then a product at this
 * shop's price with its stock, each a page of buttons edited in place. {@code /start p_<product>}
 * opens a product directly. The inventory omits inactive products and refuses a paused shop.
 */
@ApplicationScoped
public class CatalogModule implements BotModule {

  static final int PAGE_SIZE = 8;

  /** The categories, a page of them. */
  @CallbackData.Tag("cat")
  public record OpenCatalog(int page) implements CallbackData {}

  /** A page of a category's products. */
  @CallbackData.Tag("catp")
  public record CategoryPage(UUID category, int page) implements CallbackData {}

  @CallbackData.Tag("prod")
  public record OpenProduct(UUID product) implements CallbackData {}

  private final InventoryClient inventory;

  public CatalogModule(@RestClient InventoryClient inventory) {
    this.inventory = inventory;
  }

  @Produces
  MainMenuEntry menuEntry() {
    return new MainMenuEntry(
        10,
        "menu.catalog",
        new OpenCatalog(0),
        EnumSet.of(TenantKind.MASTER, TenantKind.AGENT),
        Role.CUSTOMER);
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public void routes(Router router) {
    router.command("catalog", ctx -> categories(ctx, 0)).menu("cmd.catalog");
    router.callback(OpenCatalog.class, (ctx, open) -> categories(ctx, open.page()));
    router.callback(CategoryPage.class, this::products);
    router.callback(OpenProduct.class, (ctx, open) -> product(ctx, open.product()));
    router.deepLink("p_", this::deepLink);
  }

  /** The product's screen: what it is, this shop's price, the stock, and a Buy button. */
  public Uni<Void> product(Ctx ctx, UUID productId) {
    // Back on the product, a purchase begun earlier is over: a number typed now is not a quantity.
    return ctx.leave()
        .chain(() -> inventory.product(productId, ctx.bot().tenantId()))
        .chain(
            product -> {
              String stock =
                  product.available() <= 0
                      ? ctx.t("shop.stock.sold-out")
                      : product.uniqueCodes()
                          ? ctx.t("shop.stock.in-stock")
                          : ctx.t("shop.stock.count", product.available());
              String text =
                  ctx.t(
                      "shop.product",
                      product.name(ctx.language()),
                      description(product.description(ctx.language())),
                      ctx.money(product.price(), product.currency()),
                      stock);
              Keyboard.Builder keyboard = Keyboard.builder();
              if (product.mostPerOrder() > 0) {
                keyboard.row(Keyboard.Button.of(ctx.t("shop.buy"), new Buy(productId)));
              }
              keyboard.row(
                  Keyboard.Button.of(ctx.t("shop.back"), new CategoryPage(product.categoryId(), 0)),
                  MainMenu.homeButton(ctx));
              return ctx.show(text, keyboard.build());
            })
        .onFailure(ProblemException.class)
        .recoverWithUni(failure -> refused(ctx, (ProblemException) failure));
  }

  /** The description on lines of its own, or nothing when the product has none. */
  private static String description(String description) {
    return description.isBlank() ? "" : description.strip() + "\n";
  }

  /** A shop that cannot sell now, or a product it no longer sells: said plainly. */
  static Uni<Void> refused(Ctx ctx, ProblemException problem) {
    String key =
        switch (problem.slug()) {
          case "agent-paused", "unknown-agent" -> "shop.paused";
          case "not-found", "unknown-product", "product-inactive" -> "shop.product.gone";
          default -> null;
        };
    if (key == null) {
      return Uni.createFrom().failure(problem);
    }
    return ctx.show(ctx.t(key), Keyboard.of(MainMenu.homeButton(ctx)));
  }

  private Uni<Void> deepLink(Ctx ctx, String rest) {
    UUID productId;
    try {
      productId = UUID.fromString(rest);
    } catch (IllegalArgumentException notAProduct) {
      return ctx.reply(ctx.t("shop.product.gone"), Keyboard.of(MainMenu.homeButton(ctx)))
          .replaceWithVoid();
    }
    return product(ctx, productId);
  }

  private Uni<Void> categories(Ctx ctx, int page) {
    Uni<List<CategoryView>> categories = inventory.categories();
    Uni<List<CatalogEntryView>> products =
        inventory.catalog(ctx.bot().tenantId(), null).map(catalog -> catalog.products());
    return Uni.combine()
        .all()
        .unis(categories, products)
        .asTuple()
        .chain(
            both -> {
              Set<UUID> stocked =
                  both.getItem2().stream()
                      .map(CatalogEntryView::categoryId)
                      .collect(Collectors.toSet());
              List<CategoryView> shown =
                  both.getItem1().stream().filter(c -> stocked.contains(c.categoryId())).toList();
              if (shown.isEmpty()) {
                return ctx.show(ctx.t("shop.catalog.empty"), Keyboard.of(MainMenu.homeButton(ctx)));
              }
              Page<CategoryView> slice = Page.of(shown, page);
              Keyboard.Builder keyboard = Keyboard.builder();
              slice
                  .items()
                  .forEach(
                      category ->
                          keyboard.row(
                              Keyboard.Button.of(
                                  category.name(ctx.language()),
                                  new CategoryPage(category.categoryId(), 0))));
              keyboard.row(slice.navigation(ctx, OpenCatalog::new));
              keyboard.row(MainMenu.homeButton(ctx));
              return ctx.show(ctx.t("shop.catalog.categories"), keyboard.build());
            })
        .onFailure(ProblemException.class)
        .recoverWithUni(failure -> refused(ctx, (ProblemException) failure));
  }

  private Uni<Void> products(Ctx ctx, CategoryPage open) {
    return inventory
        .catalog(ctx.bot().tenantId(), open.category())
        .chain(
            catalog -> {
              if (catalog.products().isEmpty()) {
                return ctx.show(
                    ctx.t("shop.category.empty"),
                    Keyboard.of(
                        Keyboard.Button.of(ctx.t("shop.back"), new OpenCatalog(0)),
                        MainMenu.homeButton(ctx)));
              }
              Page<CatalogEntryView> slice = Page.of(catalog.products(), open.page());
              Keyboard.Builder keyboard = Keyboard.builder();
              slice
                  .items()
                  .forEach(
                      product ->
                          keyboard.row(
                              Keyboard.Button.of(
                                  ctx.t(
                                      "shop.product.button",
                                      product.name(ctx.language()),
                                      ctx.money(product.price(), product.currency())),
                                  new OpenProduct(product.productId()))));
              keyboard.row(slice.navigation(ctx, page -> new CategoryPage(open.category(), page)));
              keyboard.row(
                  Keyboard.Button.of(ctx.t("shop.back"), new OpenCatalog(0)),
                  MainMenu.homeButton(ctx));
              return ctx.show(ctx.t("shop.catalog.products"), keyboard.build());
            })
        .onFailure(ProblemException.class)
        .recoverWithUni(failure -> refused(ctx, (ProblemException) failure));
  }

  /**
   * One page of a list shown as buttons, {@link #PAGE_SIZE} to a page; a page number out of range
   * (an old button after the list shrank) shows the last page.
   */
  record Page<T>(List<T> items, int page, boolean hasPrevious, boolean hasNext) {

    static <T> Page<T> of(List<T> all, int requested) {
      int last = Math.max(0, (all.size() - 1) / PAGE_SIZE);
      int page = Math.clamp(requested, 0, last);
      int from = page * PAGE_SIZE;
      return new Page<>(
          all.subList(from, Math.min(all.size(), from + PAGE_SIZE)), page, page > 0, page < last);
    }

    /** Previous and next buttons, whichever exist. */
    List<Keyboard.Button> navigation(Ctx ctx, IntFunction<CallbackData> pageButton) {
      List<Keyboard.Button> buttons = new ArrayList<>();
      if (hasPrevious) {
        buttons.add(Keyboard.Button.of(ctx.t("page.previous"), pageButton.apply(page - 1)));
      }
      if (hasNext) {
        buttons.add(Keyboard.Button.of(ctx.t("page.next"), pageButton.apply(page + 1)));
      }
      return buttons;
    }
  }
}
