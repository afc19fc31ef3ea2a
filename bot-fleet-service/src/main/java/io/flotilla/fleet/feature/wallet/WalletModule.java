package io.flotilla.fleet.feature.wallet;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.menu.MainMenu;
import io.flotilla.fleet.feature.menu.MainMenuEntry;
import io.flotilla.fleet.feature.wallet.LedgerClient.StatementLineView;
import io.flotilla.fleet.feature.wallet.TopUpModule.OpenTopUp;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** {@code /balance}: the customer's money in this shop and its latest movements. */
@ApplicationScoped
public class WalletModule implements BotModule {

  static final int STATEMENT_LINES = 5;
  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  @CallbackData.Tag("bal")
  public record OpenBalance() implements CallbackData {}

  private final LedgerClient ledger;

  public WalletModule(@RestClient LedgerClient ledger) {
    this.ledger = ledger;
  }

  @Produces
  MainMenuEntry menuEntry() {
    return new MainMenuEntry(
        20,
        "menu.balance",
        new OpenBalance(),
        EnumSet.of(TenantKind.MASTER, TenantKind.AGENT),
        Role.CUSTOMER);
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public void routes(Router router) {
    router.command("balance", this::balance).menu("cmd.balance");
    router.callback(OpenBalance.class, (ctx, open) -> balance(ctx));
  }

  private Uni<Void> balance(Ctx ctx) {
    return ledger
        .statement(ctx.bot().tenantId(), ctx.userId(), STATEMENT_LINES)
        .chain(
            statement -> {
              String balance = ctx.money(statement.balance(), statement.currency());
              String text =
                  statement.items().isEmpty()
                      ? ctx.t("wallet.balance.empty", balance)
                      : ctx.t(
                          "wallet.balance",
                          balance,
                          statement.items().stream()
                              .map(line -> line(ctx, line, statement.currency()))
                              .collect(Collectors.joining("\n")));
              return ctx.show(
                  text,
                  Keyboard.of(
                      Keyboard.Button.of(ctx.t("menu.topup"), new OpenTopUp()),
                      MainMenu.homeButton(ctx)));
            });
  }

  private static String line(Ctx ctx, StatementLineView line, String currency) {
    String kind =
        switch (line.kind()) {
          case "top_up" -> ctx.t("wallet.kind.top-up");
          case "payment" -> ctx.t("wallet.kind.payment");
          case "refund" -> ctx.t("wallet.kind.refund");
          default -> line.kind();
        };
    String amount = (line.amount() > 0 ? "+" : "") + ctx.money(line.amount(), currency);
    return ctx.t(
        "wallet.line",
        line.at() == null ? "" : DAY.format(line.at()),
        kind,
        amount,
        ctx.money(line.balanceAfter(), currency));
  }
}
