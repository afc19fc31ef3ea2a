package io.flotilla.fleet.feature.language;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.menu.MainMenu;
import io.flotilla.fleet.feature.menu.MainMenuEntry;
import io.flotilla.fleet.i18n.Language;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.EnumSet;

/** {@code /language}: English or 中文, kept per person and shop once chosen. */
@ApplicationScoped
public class LanguageModule implements BotModule {

  @CallbackData.Tag("lang")
  public record OpenLanguages() implements CallbackData {}

  @CallbackData.Tag("setlang")
  public record ChooseLanguage(Language language) implements CallbackData {}

  @Produces
  MainMenuEntry menuEntry() {
    return new MainMenuEntry(
        80,
        "menu.language",
        new OpenLanguages(),
        EnumSet.of(TenantKind.MASTER, TenantKind.AGENT),
        Role.CUSTOMER);
  }

  @Override
  public int order() {
    return 80;
  }

  @Override
  public void routes(Router router) {
    router.command("language", ctx -> choices(ctx)).menu("cmd.language");
    router.callback(OpenLanguages.class, (ctx, open) -> choices(ctx));
    router.callback(ChooseLanguage.class, this::choose);
  }

  private Uni<Void> choices(Ctx ctx) {
    Keyboard keyboard =
        Keyboard.builder()
            .row(
                Keyboard.Button.of("English", new ChooseLanguage(Language.EN)),
                Keyboard.Button.of("中文", new ChooseLanguage(Language.ZH)))
            .row(MainMenu.homeButton(ctx))
            .build();
    return ctx.show(ctx.t("language.choose"), keyboard);
  }

  private Uni<Void> choose(Ctx ctx, ChooseLanguage choice) {
    return ctx.chooseLanguage(choice.language())
        .chain(() -> ctx.show(ctx.t("language.chosen"), Keyboard.of(MainMenu.homeButton(ctx))));
  }
}
