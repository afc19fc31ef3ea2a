package io.flotilla.fleet.feature.admin;

import static io.flotilla.fleet.feature.admin.AgentAdminModule.admin;

import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Step;
import io.flotilla.fleet.feature.admin.AdminLedgerClient.PayRequest;
import io.flotilla.fleet.feature.admin.AdminLedgerClient.RejectRequest;
import io.flotilla.fleet.feature.admin.AdminLedgerClient.WithdrawalView;
import io.flotilla.fleet.i18n.Language;
import io.flotilla.fleet.i18n.Texts;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Withdrawals for platform admins in the master bot: the list with Approve / Reject buttons, and
 * the approve, reject and pay commands. A button is only a hint: the router lets only admins press
 * it, and the ledger does each step once and in order, so two admins pressing Approve together get
 * one approval and one "already approved".
 */
@ApplicationScoped
public class WithdrawalAdminModule implements BotModule {

  static final int LIST_SIZE = 10;
  static final Set<String> STATUSES = Set.of("requested", "approved", "rejected", "paid");

  @CallbackData.Tag("adwok")
  public record ApproveWithdrawal(UUID withdrawalId) implements CallbackData {}

  @CallbackData.Tag("adwno")
  public record RejectWithdrawal(UUID withdrawalId) implements CallbackData {}

  /** The admin is typing why the withdrawal is rejected; the agent reads it. */
  public record TypingReason(UUID withdrawalId) {}

  static final Step<TypingReason> REASON = Step.of("admin.withdraw.reason", TypingReason.class);

  private final AdminLedgerClient ledger;

  public WithdrawalAdminModule(@RestClient AdminLedgerClient ledger) {
    this.ledger = ledger;
  }

  @Override
  public void routes(Router router) {
    admin(router, "withdraw_list", this::list, "cmd.withdraw_list");
    admin(router, "withdraw_approve", this::approveCommand, "cmd.withdraw_approve");
    admin(router, "withdraw_reject", this::rejectCommand, "cmd.withdraw_reject");
    admin(router, "withdraw_pay", this::payCommand, "cmd.withdraw_pay");
    router
        .callback(ApproveWithdrawal.class, (ctx, press) -> approve(ctx, press.withdrawalId()))
        .role(Role.ADMIN);
    router.callback(RejectWithdrawal.class, this::askReason).role(Role.ADMIN);
    router.step(REASON, this::reasonTyped).role(Role.ADMIN);
  }

  /** Approve and Reject labelled in English and Chinese, for a message sent to every admin. */
  static Keyboard bilingualButtons(UUID id) {
    return Keyboard.of(
        Keyboard.Button.of(
            Texts.text(Language.EN, "admin.withdraw.button.approve.both"),
            new ApproveWithdrawal(id)),
        Keyboard.Button.of(
            Texts.text(Language.EN, "admin.withdraw.button.reject.both"),
            new RejectWithdrawal(id)));
  }

  /**
   * {@code /withdraw_list [status]}: the newest (open ones by default) in one message, numbered,
   * with a row of buttons per withdrawal still open to a step.
   */
  private Uni<Void> list(Ctx ctx) {
    String status = ctx.commandArgs().strip().toLowerCase(Locale.ROOT);
    if (status.isEmpty()) {
      status = "requested";
    }
    if (!STATUSES.contains(status)) {
      return ctx.reply(ctx.t("admin.withdraw.list.usage")).replaceWithVoid();
    }
    String wanted = status;
    return ledger
        .withdrawals(wanted, 0, LIST_SIZE)
        .chain(
            found -> {
              if (found.isEmpty()) {
                return ctx.reply(ctx.t("admin.withdraw.list.empty", status(ctx, wanted)))
                    .replaceWithVoid();
              }
              List<String> entries = new ArrayList<>();
              Keyboard.Builder keyboard = Keyboard.builder();
              for (int i = 0; i < found.size(); i++) {
                WithdrawalView withdrawal = found.get(i);
                int number = i + 1;
                entries.add(number + ". " + describe(ctx, withdrawal));
                List<Keyboard.Button> row = new ArrayList<>();
                if (withdrawal.status().equals("requested")) {
                  row.add(
                      Keyboard.Button.of(
                          ctx.t("admin.withdraw.button.approve.numbered", number),
                          new ApproveWithdrawal(withdrawal.withdrawalId())));
                }
                if (withdrawal.status().equals("requested")
                    || withdrawal.status().equals("approved")) {
                  row.add(
                      Keyboard.Button.of(
                          ctx.t("admin.withdraw.button.reject.numbered", number),
                          new RejectWithdrawal(withdrawal.withdrawalId())));
                }
                keyboard.row(row);
              }
              return ctx.reply(
                      ctx.t("admin.withdraw.list", found.size(), status(ctx, wanted))
                          + "\n\n"
                          + String.join("\n\n", entries),
                      keyboard.build())
                  .replaceWithVoid();
            });
  }

  private Uni<Void> approveCommand(Ctx ctx) {
    Optional<UUID> id = Admins.uuid(ctx.commandArgs().strip());
    if (id.isEmpty()) {
      return ctx.reply(ctx.t("admin.withdraw.approve.usage")).replaceWithVoid();
    }
    return approve(ctx, id.get());
  }

  private Uni<Void> approve(Ctx ctx, UUID id) {
    return ledger
        .approve(id, Admins.actor(ctx))
        .chain(
            withdrawal ->
                ctx.answer(ctx.t("admin.withdraw.approved.short"), false)
                    .chain(
                        () ->
                            ctx.reply(ctx.t("admin.withdraw.approved", describe(ctx, withdrawal))))
                    .replaceWithVoid())
        .onFailure()
        .recoverWithUni(failure -> outOfOrder(ctx, id, failure));
  }

  private Uni<Void> rejectCommand(Ctx ctx) {
    String[] args = ctx.commandArgs().split("\\s+", 2);
    Optional<UUID> id = Admins.uuid(args[0]);
    if (id.isEmpty() || args.length < 2 || args[1].isBlank()) {
      return ctx.reply(ctx.t("admin.withdraw.reject.usage")).replaceWithVoid();
    }
    return reject(ctx, id.get(), args[1].strip());
  }

  private Uni<Void> askReason(Ctx ctx, RejectWithdrawal press) {
    return ctx.answer()
        .chain(() -> ctx.enter(REASON, new TypingReason(press.withdrawalId())))
        .chain(() -> ctx.reply(ctx.t("admin.withdraw.reject.ask")))
        .replaceWithVoid();
  }

  private Uni<Void> reasonTyped(Ctx ctx, TypingReason typing) {
    String reason = ctx.text().strip();
    if (reason.isEmpty()) {
      return ctx.reply(ctx.t("admin.withdraw.reject.ask")).replaceWithVoid();
    }
    return ctx.leave().chain(() -> reject(ctx, typing.withdrawalId(), reason));
  }

  private Uni<Void> reject(Ctx ctx, UUID id, String reason) {
    return ledger
        .reject(id, Admins.actor(ctx), new RejectRequest(reason))
        .chain(
            withdrawal ->
                ctx.reply(ctx.t("admin.withdraw.rejected", describe(ctx, withdrawal), reason)))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(failure -> outOfOrder(ctx, id, failure));
  }

  /** {@code /withdraw_pay <id> <txid>}: a txid used for another withdrawal is refused. */
  private Uni<Void> payCommand(Ctx ctx) {
    String[] args = ctx.commandArgs().split("\\s+");
    Optional<UUID> id = args.length == 2 ? Admins.uuid(args[0]) : Optional.empty();
    if (id.isEmpty()) {
      return ctx.reply(ctx.t("admin.withdraw.pay.usage")).replaceWithVoid();
    }
    return ledger
        .pay(id.get(), Admins.actor(ctx), new PayRequest(args[1]))
        .chain(withdrawal -> ctx.reply(ctx.t("admin.withdraw.paid", describe(ctx, withdrawal))))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure ->
                failure instanceof ProblemException problem && problem.slug().equals("txid-reused")
                    ? ctx.reply(ctx.t("admin.withdraw.txid-reused", args[1])).replaceWithVoid()
                    : outOfOrder(ctx, id.get(), failure));
  }

  /** A step the withdrawal is past (another admin was first): its state now, nothing changed. */
  private Uni<Void> outOfOrder(Ctx ctx, UUID id, Throwable failure) {
    if (failure instanceof ProblemException problem
        && problem.slug().equals("withdrawal-step-out-of-order")) {
      return ledger
          .withdrawal(id)
          .chain(
              now -> {
                String text = ctx.t("admin.withdraw.out-of-order", status(ctx, now.status()));
                return ctx.answer(text, true).chain(() -> ctx.reply(text)).replaceWithVoid();
              });
    }
    if (failure instanceof ProblemException problem && problem.status() == 404) {
      String text = ctx.t("admin.withdraw.unknown", id);
      return ctx.answer(text, true).chain(() -> ctx.reply(text)).replaceWithVoid();
    }
    return Admins.refused(ctx, failure);
  }

  static String describe(Ctx ctx, WithdrawalView withdrawal) {
    return ctx.t(
        "admin.withdraw.line",
        withdrawal.agentId(),
        ctx.money(withdrawal.amount(), withdrawal.currency()),
        withdrawal.payoutAddress(),
        status(ctx, withdrawal.status()),
        withdrawal.withdrawalId());
  }

  private static String status(Ctx ctx, String status) {
    return ctx.t("withdrawal.status." + status);
  }
}
