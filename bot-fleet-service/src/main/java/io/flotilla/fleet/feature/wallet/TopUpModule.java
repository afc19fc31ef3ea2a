package io.flotilla.fleet.feature.wallet;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.CurrencyScale;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Step;
import io.flotilla.fleet.feature.menu.MainMenu;
import io.flotilla.fleet.feature.menu.MainMenuEntry;
import io.flotilla.fleet.feature.wallet.LedgerClient.PreCheckoutRequest;
import io.flotilla.fleet.feature.wallet.LedgerClient.StarsInvoiceRequest;
import io.flotilla.fleet.feature.wallet.LedgerClient.StarsPaymentRequest;
import io.flotilla.fleet.feature.wallet.LedgerClient.TopUpRequest;
import io.flotilla.fleet.feature.wallet.LedgerClient.TopUpView;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.telegram.telegrambots.meta.api.objects.payments.PreCheckoutQuery;
import org.telegram.telegrambots.meta.api.objects.payments.SuccessfulPayment;

/**
 * {@code /topup}: through the platform's central channel (an amount, then the reference to pay with
 * and how to pay) or in Telegram Stars (an amount of Stars, an invoice, the pre-checkout check and
 * the payment, each asked of the ledger, which credits a charge once however often Telegram
 * delivers it).
 */
@ApplicationScoped
public class TopUpModule implements BotModule {

  static final List<Long> CENTRAL_AMOUNTS = List.of(10L, 20L, 50L, 100L);
  static final List<Long> STARS_AMOUNTS = List.of(50L, 100L, 250L, 500L, 1000L);
  static final String STARS = "XTR";

  /** Telegram drops a pre-checkout query not answered within 10 s; leave room for the answer. */
  static final Duration PRE_CHECKOUT_BUDGET = Duration.ofSeconds(7);

  @CallbackData.Tag("top")
  public record OpenTopUp() implements CallbackData {}

  @CallbackData.Tag("topc")
  public record PayCentral() implements CallbackData {}

  /** An amount in the currency's minor units. */
  @CallbackData.Tag("topca")
  public record CentralAmount(long amount) implements CallbackData {}

  @CallbackData.Tag("tops")
  public record PayStars() implements CallbackData {}

  @CallbackData.Tag("topsa")
  public record StarsAmount(long stars) implements CallbackData {}

  /** Waiting for a typed amount in this currency. */
  public record TypingAmount(String currency) {}

  static final Step<TypingAmount> AMOUNT = Step.of("topup.amount", TypingAmount.class);

  private final LedgerClient ledger;

  public TopUpModule(@RestClient LedgerClient ledger) {
    this.ledger = ledger;
  }

  @Produces
  MainMenuEntry menuEntry() {
    return new MainMenuEntry(
        30,
        "menu.topup",
        new OpenTopUp(),
        EnumSet.of(TenantKind.MASTER, TenantKind.AGENT),
        Role.CUSTOMER);
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public void routes(Router router) {
    router.command("topup", this::choices).menu("cmd.topup");
    router.callback(OpenTopUp.class, (ctx, open) -> choices(ctx));
    router.callback(PayCentral.class, (ctx, central) -> centralAmounts(ctx));
    router.callback(CentralAmount.class, (ctx, chosen) -> central(ctx, chosen.amount()));
    router.step(AMOUNT, this::typedAmount);
    router.callback(
        PayStars.class,
        (ctx, stars) ->
            starsPaidToPlatform(ctx)
                ? starsAmounts(ctx)
                : ctx.answer(ctx.t("button.expired"), true));
    router.callback(
        StarsAmount.class,
        (ctx, chosen) ->
            starsPaidToPlatform(ctx)
                ? invoice(ctx, chosen)
                : ctx.answer(ctx.t("button.expired"), true));
    router.preCheckout(this::preCheckout);
    router.successfulPayment(this::paid);
  }

  private Uni<Void> choices(Ctx ctx) {
    Keyboard.Builder choices =
        Keyboard.builder().row(Keyboard.Button.of(ctx.t("topup.central"), new PayCentral()));
    if (starsPaidToPlatform(ctx)) {
      choices.row(Keyboard.Button.of(ctx.t("topup.stars"), new PayStars()));
    }
    return ctx.show(ctx.t("topup.choose"), choices.row(MainMenu.homeButton(ctx)).build());
  }

  /**
   * Telegram pays Stars to the bot that sent the invoice, and an agent's bot belongs to the agent:
   * only the master bot, the platform's own, takes Stars into the platform's account.
   */
  private static boolean starsPaidToPlatform(Ctx ctx) {
    return ctx.bot().kind() == TenantKind.MASTER;
  }

  private Uni<Void> centralAmounts(Ctx ctx) {
    return ledger
        .wallet(ctx.bot().tenantId(), ctx.userId())
        .chain(
            wallet -> {
              String currency = wallet.currency();
              List<Keyboard.Button> amounts =
                  CENTRAL_AMOUNTS.stream()
                      .map(major -> CurrencyScale.toMinor(BigDecimal.valueOf(major), currency))
                      .map(
                          minor ->
                              Keyboard.Button.of(
                                  ctx.money(minor, currency), new CentralAmount(minor)))
                      .toList();
              return ctx.enter(AMOUNT, new TypingAmount(currency))
                  .chain(
                      () ->
                          ctx.show(
                              ctx.t("topup.central.amount", currency),
                              Keyboard.builder()
                                  .grid(amounts, 2)
                                  .row(MainMenu.homeButton(ctx))
                                  .build()));
            });
  }

  private Uni<Void> typedAmount(Ctx ctx, TypingAmount typing) {
    long amount;
    try {
      amount = CurrencyScale.toMinor(new BigDecimal(ctx.text().strip()), typing.currency());
    } catch (ArithmeticException | NumberFormatException notAnAmount) {
      return ctx.reply(ctx.t("topup.central.not-an-amount", typing.currency())).replaceWithVoid();
    }
    if (amount <= 0) {
      return ctx.reply(ctx.t("topup.central.not-an-amount", typing.currency())).replaceWithVoid();
    }
    return central(ctx, amount);
  }

  /** A pending top-up with its reference, and how to pay it. */
  private Uni<Void> central(Ctx ctx, long amount) {
    if (amount <= 0) {
      return ctx.answer(ctx.t("button.expired"), true);
    }
    return ledger
        .wallet(ctx.bot().tenantId(), ctx.userId())
        .chain(
            wallet ->
                ledger.topUp(
                    new TopUpRequest(
                        ctx.bot().tenantId(), ctx.userId(), amount, wallet.currency())))
        .chain(
            topUp ->
                ctx.leave()
                    .chain(
                        () -> {
                          String money = ctx.money(topUp.amount(), topUp.currency());
                          return ctx.show(
                              ctx.t("topup.central.created", money, topUp.reference())
                                  + "\n\n"
                                  + ctx.t("topup.instructions", money, topUp.reference()),
                              Keyboard.of(MainMenu.homeButton(ctx)));
                        }))
        .onFailure(ProblemException.class)
        .recoverWithUni(
            failure ->
                ((ProblemException) failure).status() < 500
                    ? ctx.reply(ctx.t("topup.central.refused")).replaceWithVoid()
                    : Uni.createFrom().failure(failure));
  }

  private Uni<Void> starsAmounts(Ctx ctx) {
    return ledger
        .starsTerms()
        .chain(
            terms -> {
              List<Keyboard.Button> amounts =
                  STARS_AMOUNTS.stream()
                      .filter(stars -> stars >= terms.minStars() && stars <= terms.maxStars())
                      .map(
                          stars ->
                              Keyboard.Button.of(
                                  ctx.t(
                                      "topup.stars.amount",
                                      String.valueOf(stars),
                                      ctx.money(terms.credits(stars), terms.currency())),
                                  new StarsAmount(stars)))
                      .toList();
              return ctx.show(
                  ctx.t("topup.stars.choose", ctx.money(terms.credits(100), terms.currency())),
                  Keyboard.builder().grid(amounts, 2).row(MainMenu.homeButton(ctx)).build());
            });
  }

  /** An invoice from the ledger, sent as a Telegram Stars invoice whose payload is its id. */
  private Uni<Void> invoice(Ctx ctx, StarsAmount chosen) {
    return ledger
        .starsInvoice(new StarsInvoiceRequest(ctx.bot().tenantId(), ctx.userId(), chosen.stars()))
        .chain(
            topUp -> {
              String credit = ctx.money(topUp.amount(), topUp.currency());
              Map<String, Object> invoice = new LinkedHashMap<>();
              invoice.put("chat_id", ctx.chatId());
              invoice.put("title", ctx.t("topup.stars.title"));
              invoice.put(
                  "description",
                  ctx.t("topup.stars.description", String.valueOf(topUp.stars()), credit));
              invoice.put("payload", topUp.topUpId().toString());
              invoice.put("provider_token", "");
              invoice.put("currency", STARS);
              invoice.put(
                  "prices",
                  List.of(Map.of("label", ctx.t("topup.stars.label"), "amount", topUp.stars())));
              return ctx.call("sendInvoice", invoice)
                  .chain(
                      sent ->
                          ctx.show(
                              ctx.t("topup.stars.sent", String.valueOf(topUp.stars()), credit),
                              Keyboard.of(MainMenu.homeButton(ctx))));
            })
        .onFailure(ProblemException.class)
        .recoverWithUni(
            failure ->
                ((ProblemException) failure).status() < 500
                    ? ctx.answer(ctx.t("topup.stars.refused"), true)
                    : Uni.createFrom().failure(failure));
  }

  /** May Telegram take the Stars? The ledger's answer, given within Telegram's 10 s. */
  private Uni<Void> preCheckout(Ctx ctx) {
    PreCheckoutQuery query = ctx.update().getPreCheckoutQuery();
    Uni<Optional<String>> refusal;
    UUID topUpId = topUpId(query.getInvoicePayload());
    if (topUpId == null || !STARS.equals(query.getCurrency())) {
      refusal = Uni.createFrom().item(Optional.of(ctx.t("topup.stars.invalid")));
    } else {
      refusal =
          ledger
              .preCheckout(topUpId, new PreCheckoutRequest(ctx.userId(), query.getTotalAmount()))
              .map(accepted -> Optional.<String>empty())
              .ifNoItem()
              .after(PRE_CHECKOUT_BUDGET)
              .fail()
              .onFailure()
              .recoverWithItem(failure -> Optional.of(ctx.t(preCheckoutRefusal(failure))));
    }
    return refusal.chain(
        reason -> {
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("pre_checkout_query_id", query.getId());
          answer.put("ok", reason.isEmpty());
          reason.ifPresent(text -> answer.put("error_message", text));
          return ctx.call("answerPreCheckoutQuery", answer).replaceWithVoid();
        });
  }

  private static String preCheckoutRefusal(Throwable failure) {
    if (!(failure instanceof ProblemException problem)) {
      return "topup.stars.unavailable";
    }
    return switch (problem.slug()) {
      case "invoice-expired" -> "topup.stars.expired";
      case "top-up-already-credited" -> "topup.stars.already-paid";
      case "invoice-mismatch", "not-found" -> "topup.stars.invalid";
      default -> "topup.stars.unavailable";
    };
  }

  /**
   * Telegram took the Stars: the ledger credits them once per charge id, and a repeat answers the
   * credited top-up, so a redelivered payment gets the same answer. Stars the ledger will not
   * credit are given back.
   */
  private Uni<Void> paid(Ctx ctx) {
    SuccessfulPayment payment = ctx.message().getSuccessfulPayment();
    UUID topUpId = topUpId(payment.getInvoicePayload());
    if (topUpId == null) {
      return refund(ctx, payment);
    }
    StarsPaymentRequest request =
        new StarsPaymentRequest(
            payment.getTelegramPaymentChargeId(), ctx.userId(), payment.getTotalAmount());
    return ledger
        .starsPayment(topUpId, request)
        .onFailure(TopUpModule::worthRetrying)
        .retry()
        .withBackOff(Duration.ofMillis(200))
        .atMost(3)
        // Only the ledger's refusal of this payment gives the Stars back, nothing after it.
        .onItemOrFailure()
        .transformToUni(
            (topUp, failure) -> {
              if (failure == null) {
                return credited(ctx, topUp);
              }
              return failure instanceof ProblemException refused && refused.status() < 500
                  ? refund(ctx, payment)
                  : Uni.createFrom().failure(failure);
            });
  }

  private Uni<Void> credited(Ctx ctx, TopUpView topUp) {
    return ledger
        .wallet(ctx.bot().tenantId(), ctx.userId())
        .chain(
            wallet ->
                ctx.reply(
                    ctx.t(
                        "topup.stars.credited",
                        ctx.money(topUp.amount(), topUp.currency()),
                        ctx.money(wallet.balance(), wallet.currency())),
                    Keyboard.of(MainMenu.homeButton(ctx))))
        .replaceWithVoid();
  }

  private Uni<Void> refund(Ctx ctx, SuccessfulPayment payment) {
    return ctx.call(
            "refundStarPayment",
            Map.of(
                "user_id",
                ctx.userId(),
                "telegram_payment_charge_id",
                payment.getTelegramPaymentChargeId()))
        .chain(refunded -> ctx.reply(ctx.t("topup.stars.refunded")))
        .replaceWithVoid();
  }

  /** The ledger did not answer (unreachable, 5xx): the payment is idempotent, so ask again. */
  private static boolean worthRetrying(Throwable failure) {
    return !(failure instanceof ProblemException problem) || problem.status() >= 500;
  }

  private static UUID topUpId(String payload) {
    try {
      return payload == null ? null : UUID.fromString(payload);
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }
}
