package io.flotilla.fleet.feature.agent;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.agent.AgentLedgerClient.BalanceView;
import io.flotilla.fleet.feature.agent.AgentSalesClient.SalesView;
import io.flotilla.fleet.feature.agent.AgentSalesClient.SellerView;
import io.flotilla.fleet.feature.agent.PayoutModule.OpenWallet;
import io.flotilla.fleet.feature.agent.PricingModule.OpenPricing;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * {@code /panel} for an agent's owners in its bot: the agent's money as the ledger books it
 * (pending, available, held, paid out, owed) and its shop's sales today and this week (UTC).
 */
@ApplicationScoped
public class PanelModule implements BotModule {

  private static final Logger LOG = Logger.getLogger(PanelModule.class);

  @CallbackData.Tag("agpanel")
  public record OpenPanel() implements CallbackData {}

  private final AgentLedgerClient ledger;
  private final AgentSalesClient sales;
  private final Clock clock;

  public PanelModule(@RestClient AgentLedgerClient ledger, @RestClient AgentSalesClient sales) {
    this.ledger = ledger;
    this.sales = sales;
    this.clock = Clock.systemUTC();
  }

  @Override
  public void routes(Router router) {
    router
        .command("panel", this::panel)
        .role(Role.AGENT_OWNER)
        .in(TenantKind.AGENT)
        .menu("cmd.panel");
    router.callback(OpenPanel.class, (ctx, open) -> panel(ctx)).role(Role.AGENT_OWNER);
  }

  private Uni<Void> panel(Ctx ctx) {
    String agentId = ctx.bot().tenantId();
    LocalDate today = LocalDate.now(clock);
    Instant dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant weekStart =
        today
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Instant now = clock.instant();
    return Uni.combine()
        .all()
        .unis(
            ledger.balance(agentId),
            ledger.settings(agentId),
            sold(agentId, dayStart, now),
            sold(agentId, weekStart, now))
        .asTuple()
        .chain(
            all -> {
              BalanceView balance = all.getItem1();
              List<String> lines = new ArrayList<>();
              lines.add(ctx.t("panel.title", ctx.bot().shopName()));
              lines.add(ctx.t("panel.pending", ctx.money(balance.pending(), balance.currency())));
              Long window = all.getItem2().holdingWindowSeconds();
              if (balance.pending() > 0 && window != null) {
                lines.add(ctx.t("panel.pending.window", Math.max(1, window / 3600)));
              }
              lines.add(
                  ctx.t("panel.available", ctx.money(balance.available(), balance.currency())));
              lines.add(ctx.t("panel.held", ctx.money(balance.held(), balance.currency())));
              lines.add(
                  ctx.t("panel.paid_out", ctx.money(balance.withdrawn(), balance.currency())));
              if (balance.receivable() > 0) {
                lines.add(
                    ctx.t("panel.receivable", ctx.money(balance.receivable(), balance.currency())));
              }
              lines.add(sales(ctx, "panel.sales.today", all.getItem3()));
              lines.add(sales(ctx, "panel.sales.week", all.getItem4()));
              return ctx.show(
                  String.join("\n", lines.stream().filter(line -> !line.isEmpty()).toList()),
                  Keyboard.of(
                      Keyboard.Button.of(ctx.t("agent.button.wallet"), new OpenWallet()),
                      Keyboard.Button.of(ctx.t("agent.button.pricing"), new OpenPricing())));
            });
  }

  /** The sales report is a courtesy: without it the panel still shows the money. */
  private Uni<SalesView> sold(String agentId, Instant from, Instant to) {
    return sales
        .sales(from.toString(), to.toString(), agentId)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("Sales of %s could not be read: %s", agentId, failure.getClass().getName());
              return null;
            });
  }

  private static String sales(Ctx ctx, String key, SalesView report) {
    if (report == null) {
      return "";
    }
    SellerView seller =
        report.sellers().stream()
            .filter(s -> ctx.bot().tenantId().equals(s.soldBy()))
            .findFirst()
            .orElse(new SellerView(ctx.bot().tenantId(), 0, 0, 0, 0));
    return ctx.t(key, seller.orders(), ctx.money(seller.markupTotal(), report.currency()));
  }
}
