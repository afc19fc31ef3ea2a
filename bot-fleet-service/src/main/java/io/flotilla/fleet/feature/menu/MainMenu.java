package io.flotilla.fleet.feature.menu;

import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Router;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /start}: a welcome naming the shop, the main menu as buttons (what the features put on it,
 * for this person's roles) and a hint at the command list; "Main menu" buttons elsewhere bring it
 * back in place.
 */
@ApplicationScoped
public class MainMenu implements BotModule {

  /** Shows the main menu again, in place of the message whose button was pressed. */
  @CallbackData.Tag("home")
  public record Home() implements CallbackData {}

  private final List<MainMenuEntry> entries;

  public MainMenu(Instance<MainMenuEntry> entries) {
    this.entries = entries.stream().sorted(Comparator.comparingInt(MainMenuEntry::order)).toList();
  }

  @Override
  public int order() {
    return 0;
  }

  @Override
  public void routes(Router router) {
    router.command("start", this::start).menu("cmd.start");
    router.callback(Home.class, (ctx, home) -> show(ctx));
  }

  /** The button that leads back here, for other features' screens. */
  public static Keyboard.Button homeButton(Ctx ctx) {
    return Keyboard.Button.of(ctx.t("menu.home"), new Home());
  }

  private Uni<Void> start(Ctx ctx) {
    return ctx.reply(welcome(ctx), keyboard(ctx)).replaceWithVoid();
  }

  private Uni<Void> show(Ctx ctx) {
    return ctx.show(welcome(ctx), keyboard(ctx));
  }

  private static String welcome(Ctx ctx) {
    return ctx.t("start.welcome", ctx.bot().shopName());
  }

  private Keyboard keyboard(Ctx ctx) {
    List<Keyboard.Button> buttons =
        entries.stream()
            .filter(e -> e.kinds().contains(ctx.bot().kind()) && ctx.has(e.role()))
            .map(e -> Keyboard.Button.of(ctx.t(e.labelKey()), e.opens()))
            .toList();
    return Keyboard.builder().grid(buttons, 2).build();
  }
}
