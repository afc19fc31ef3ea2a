package io.flotilla.fleet.feature.help;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Routes;
import io.flotilla.fleet.feature.menu.MainMenu;
import io.flotilla.fleet.feature.menu.MainMenuEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * {@code /help}: the commands this person can use in this bot, with what they do — the same list as
 * the command menu, so the two never disagree. Plain text outside a conversation gets a hint.
 */
@ApplicationScoped
public class HelpModule implements BotModule {

  @CallbackData.Tag("help")
  public record OpenHelp() implements CallbackData {}

  private final Instance<Routes> routes;

  public HelpModule(Instance<Routes> routes) {
    this.routes = routes;
  }

  @Produces
  MainMenuEntry menuEntry() {
    return new MainMenuEntry(
        90,
        "menu.help",
        new OpenHelp(),
        EnumSet.of(TenantKind.MASTER, TenantKind.AGENT),
        Role.CUSTOMER);
  }

  @Override
  public int order() {
    return 90;
  }

  @Override
  public void routes(Router router) {
    router.command("help", this::help).menu("cmd.help");
    router.callback(OpenHelp.class, (ctx, open) -> help(ctx));
    router.text(ctx -> ctx.reply(ctx.t("text.hint")).replaceWithVoid());
  }

  private Uni<Void> help(Ctx ctx) {
    String commands =
        routes.get().menu(ctx.bot().kind(), ctx.roles()).stream()
            .map(c -> "/" + c.name() + " — " + ctx.t(c.menuKey()))
            .collect(Collectors.joining("\n"));
    return ctx.show(ctx.t("help.text", commands), Keyboard.of(MainMenu.homeButton(ctx)));
  }
}
