package io.flotilla.fleet.feature.agent;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Step;
import io.flotilla.fleet.feature.agent.AgentLedgerClient.WithdrawalRequest;
import io.flotilla.fleet.feature.agent.AgentLedgerClient.WithdrawalView;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code /wallet} for an agent's owners: what they may withdraw, a withdrawal request (an amount
 * between the agent's minimum and what is available, confirmed against the payout address), and the
 * latest withdrawals with their status. The ledger holds the rules; a repeated Confirm is the same
 * request (its Idempotency-Key travels in the button).
 */
@ApplicationScoped
public class PayoutModule implements BotModule {

  static final int HISTORY = 5;
  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  @CallbackData.Tag("agwal")
  public record OpenWallet() implements CallbackData {}

  @CallbackData.Tag("agwreq")
  public record AskAmount() implements CallbackData {}

  @CallbackData.Tag("agwok")
  public record ConfirmWithdrawal(long amount, UUID key) implements CallbackData {}

  @CallbackData.Tag("agwno")
  public record CancelWithdrawal() implements CallbackData {}

  /** The bounds shown when the amount was asked; the ledger checks them again. */
  public record TypingAmount(long minimum, long available, String currency, String address) {}

  static final Step<TypingAmount> AMOUNT = Step.of("agent.withdraw.amount", TypingAmount.class);

  private final AgentLedgerClient ledger;

  public PayoutModule(@RestClient AgentLedgerClient ledger) {
    this.ledger = ledger;
  }

  @Override
  public void routes(Router router) {
    router
        .command("wallet", this::wallet)
        .role(Role.AGENT_OWNER)
        .in(TenantKind.AGENT)
        .menu("cmd.wallet");
    router.callback(OpenWallet.class, (ctx, open) -> wallet(ctx)).role(Role.AGENT_OWNER);
    router.callback(AskAmount.class, (ctx, ask) -> askAmount(ctx)).role(Role.AGENT_OWNER);
    router.callback(ConfirmWithdrawal.class, this::confirm).role(Role.AGENT_OWNER);
    router
        .callback(
            CancelWithdrawal.class, (ctx, cancel) -> ctx.show(ctx.t("withdraw.cancelled"), null))
        .role(Role.AGENT_OWNER);
    router.step(AMOUNT, this::amountTyped).role(Role.AGENT_OWNER);
  }

  private Uni<Void> wallet(Ctx ctx) {
    String agentId = ctx.bot().tenantId();
    return Uni.combine()
        .all()
        .unis(
            ledger.balance(agentId), ledger.settings(agentId), ledger.withdrawals(agentId, HISTORY))
        .asTuple()
        .chain(
            all -> {
              var balance = all.getItem1();
              var settings = all.getItem2();
              String currency = balance.currency();
              List<String> lines = new ArrayList<>();
              lines.add(
                  ctx.t(
                      "wallet.agent",
                      ctx.money(balance.available(), currency),
                      ctx.money(balance.held(), currency),
                      ctx.money(settings.minWithdrawal(), currency),
                      address(ctx, settings.payoutAddress())));
              if (all.getItem3().isEmpty()) {
                lines.add(ctx.t("wallet.agent.no-history"));
              } else {
                lines.add(ctx.t("wallet.agent.history"));
                all.getItem3().forEach(w -> lines.add(line(ctx, w)));
              }
              boolean canWithdraw =
                  balance.available() >= Math.max(1, settings.minWithdrawal())
                      && settings.payoutAddress() != null
                      && !settings.payoutAddress().isBlank();
              return ctx.show(
                  String.join("\n", lines),
                  canWithdraw
                      ? Keyboard.of(Keyboard.Button.of(ctx.t("withdraw.button"), new AskAmount()))
                      : null);
            });
  }

  private Uni<Void> askAmount(Ctx ctx) {
    String agentId = ctx.bot().tenantId();
    return ctx.answer()
        .chain(
            () ->
                Uni.combine()
                    .all()
                    .unis(ledger.balance(agentId), ledger.settings(agentId))
                    .asTuple())
        .chain(
            both -> {
              var balance = both.getItem1();
              var settings = both.getItem2();
              TypingAmount typing =
                  new TypingAmount(
                      settings.minWithdrawal(),
                      balance.available(),
                      balance.currency(),
                      settings.payoutAddress());
              return ctx.enter(AMOUNT, typing)
                  .chain(
                      () ->
                          ctx.reply(
                              ctx.t(
                                  "withdraw.ask",
                                  ctx.money(typing.minimum(), typing.currency()),
                                  ctx.money(typing.available(), typing.currency()),
                                  typing.currency())))
                  .replaceWithVoid();
            });
  }

  private Uni<Void> amountTyped(Ctx ctx, TypingAmount typing) {
    Optional<Long> amount = Amounts.money(ctx.text(), typing.currency());
    if (amount.isEmpty()) {
      return ctx.reply(ctx.t("withdraw.not-a-number")).replaceWithVoid();
    }
    if (amount.get() < typing.minimum()) {
      return ctx.reply(
              ctx.t("withdraw.below-minimum", ctx.money(typing.minimum(), typing.currency())))
          .replaceWithVoid();
    }
    if (amount.get() > typing.available()) {
      return ctx.reply(
              ctx.t("withdraw.above-available", ctx.money(typing.available(), typing.currency())))
          .replaceWithVoid();
    }
    return ctx.leave()
        .chain(
            () ->
                ctx.reply(
                    ctx.t(
                        "withdraw.confirm",
                        ctx.money(amount.get(), typing.currency()),
                        address(ctx, typing.address())),
                    Keyboard.of(
                        Keyboard.Button.of(
                            ctx.t("withdraw.button.confirm"),
                            new ConfirmWithdrawal(amount.get(), UUID.randomUUID())),
                        Keyboard.Button.of(
                            ctx.t("withdraw.button.cancel"), new CancelWithdrawal()))))
        .replaceWithVoid();
  }

  private Uni<Void> confirm(Ctx ctx, ConfirmWithdrawal confirm) {
    return ledger
        .requestWithdrawal(
            ctx.bot().tenantId(), confirm.key().toString(), new WithdrawalRequest(confirm.amount()))
        .chain(
            withdrawal ->
                ctx.show(
                    ctx.t(
                        "withdraw.requested",
                        ctx.money(withdrawal.amount(), withdrawal.currency()),
                        withdrawal.payoutAddress()),
                    null))
        .onFailure(ProblemException.class)
        .recoverWithUni(failure -> ctx.show(refusal(ctx, (ProblemException) failure), null));
  }

  private static String refusal(Ctx ctx, ProblemException problem) {
    return switch (problem.slug()) {
      case "below-minimum-withdrawal" -> ctx.t("withdraw.refused.minimum");
      case "insufficient-available" -> ctx.t("withdraw.refused.available");
      case "payout-address-missing" -> ctx.t("withdraw.refused.address");
      default -> {
        if (problem.status() >= 500) {
          throw problem;
        }
        yield ctx.t("withdraw.refused", String.valueOf(problem.getMessage()));
      }
    };
  }

  private static String line(Ctx ctx, WithdrawalView withdrawal) {
    String status = ctx.t("withdrawal.status." + withdrawal.status());
    String detail =
        switch (withdrawal.status()) {
          case "paid" -> " · " + withdrawal.txid();
          case "rejected" -> " · " + withdrawal.rejectReason();
          default -> "";
        };
    return ctx.t(
        "wallet.agent.line",
        withdrawal.requestedAt() == null ? "" : DAY.format(withdrawal.requestedAt()),
        ctx.money(withdrawal.amount(), withdrawal.currency()),
        status + detail);
  }

  private static String address(Ctx ctx, String address) {
    return address == null || address.isBlank() ? ctx.t("wallet.agent.no-address") : address;
  }
}
