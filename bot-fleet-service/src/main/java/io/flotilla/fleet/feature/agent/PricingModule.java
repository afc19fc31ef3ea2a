package io.flotilla.fleet.feature.agent;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Step;
import io.flotilla.fleet.feature.agent.AgentCredentialClient.AgentView;
import io.flotilla.fleet.feature.agent.AgentCredentialClient.MarkupChange;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code /pricing} for an agent's owners: the markup its shop adds to the base prices, changed to a
 * percent or a fixed amount per item within the bounds an admin gave, by a button or a typed value.
 * The credential service checks the bounds again and publishes AgentPricingChanged, which the
 * inventory follows.
 */
@ApplicationScoped
public class PricingModule implements BotModule {

  /** Percent buttons offered when within the agent's bound, in basis points. */
  static final List<Long> PERCENT_CHOICES = List.of(500L, 1000L, 1500L, 2000L, 3000L);

  @CallbackData.Tag("agprice")
  public record OpenPricing() implements CallbackData {}

  @CallbackData.Tag("agpkind")
  public record TypeMarkup(MarkupKind kind) implements CallbackData {}

  @CallbackData.Tag("agpset")
  public record SetPercent(long basisPoints) implements CallbackData {}

  /** The person is typing a markup of this kind, in this currency. */
  public record TypingMarkup(MarkupKind kind, String currency) {}

  static final Step<TypingMarkup> VALUE = Step.of("agent.markup", TypingMarkup.class);

  private final AgentCredentialClient credentials;
  private final AgentLedgerClient ledger;

  public PricingModule(
      @RestClient AgentCredentialClient credentials, @RestClient AgentLedgerClient ledger) {
    this.credentials = credentials;
    this.ledger = ledger;
  }

  @Override
  public void routes(Router router) {
    router
        .command("pricing", this::pricing)
        .role(Role.AGENT_OWNER)
        .in(TenantKind.AGENT)
        .menu("cmd.pricing");
    router.callback(OpenPricing.class, (ctx, open) -> pricing(ctx)).role(Role.AGENT_OWNER);
    router.callback(TypeMarkup.class, this::askValue).role(Role.AGENT_OWNER);
    router
        .callback(
            SetPercent.class,
            (ctx, set) ->
                ctx.answer()
                    .chain(() -> currency(ctx))
                    .chain(
                        currency ->
                            apply(
                                ctx, new Markup(MarkupKind.PERCENT, set.basisPoints()), currency)))
        .role(Role.AGENT_OWNER);
    router.step(VALUE, this::valueTyped).role(Role.AGENT_OWNER);
  }

  private Uni<Void> pricing(Ctx ctx) {
    return Uni.combine()
        .all()
        .unis(credentials.agent(ctx.bot().tenantId()), currency(ctx))
        .asTuple()
        .chain(
            both -> {
              AgentView agent = both.getItem1();
              String currency = both.getItem2();
              List<Keyboard.Button> presets =
                  PERCENT_CHOICES.stream()
                      .filter(bp -> bp <= agent.maxPercentBasisPoints())
                      .map(bp -> Keyboard.Button.of(Amounts.percent(bp), new SetPercent(bp)))
                      .toList();
              return ctx.show(
                  ctx.t(
                      "pricing.current",
                      Amounts.markup(ctx, agent.markup(), currency),
                      Amounts.percent(agent.maxPercentBasisPoints()),
                      ctx.money(agent.maxFixedMinor(), currency)),
                  Keyboard.builder()
                      .grid(presets, 5)
                      .row(
                          Keyboard.Button.of(
                              ctx.t("pricing.button.percent"), new TypeMarkup(MarkupKind.PERCENT)),
                          Keyboard.Button.of(
                              ctx.t("pricing.button.fixed"), new TypeMarkup(MarkupKind.FIXED)))
                      .build());
            });
  }

  private Uni<Void> askValue(Ctx ctx, TypeMarkup typing) {
    return ctx.answer()
        .chain(
            () ->
                Uni.combine()
                    .all()
                    .unis(credentials.agent(ctx.bot().tenantId()), currency(ctx))
                    .asTuple())
        .chain(
            both ->
                ctx.enter(VALUE, new TypingMarkup(typing.kind(), both.getItem2()))
                    .chain(
                        () -> ctx.reply(ask(ctx, typing.kind(), both.getItem1(), both.getItem2())))
                    .replaceWithVoid());
  }

  private Uni<Void> valueTyped(Ctx ctx, TypingMarkup typing) {
    Optional<Markup> markup = Amounts.markup(typing.kind(), ctx.text(), typing.currency());
    if (markup.isEmpty()) {
      return ctx.reply(ctx.t("pricing.not-a-number")).replaceWithVoid();
    }
    return apply(ctx, markup.get(), typing.currency());
  }

  /**
   * Checks the bounds here for a clear answer (a person typing stays at the step to try again); the
   * credential service checks them again.
   */
  private Uni<Void> apply(Ctx ctx, Markup markup, String currency) {
    String agentId = ctx.bot().tenantId();
    return credentials
        .agent(agentId)
        .chain(
            agent -> {
              if (markup.value() > bound(agent, markup.kind())) {
                return ctx.reply(refusal(ctx, markup.kind(), agent, currency));
              }
              return credentials
                  .changeMarkup(agentId, new MarkupChange(markup))
                  .chain(
                      changed ->
                          ctx.leave()
                              .chain(
                                  () ->
                                      ctx.reply(
                                          ctx.t(
                                              "pricing.changed",
                                              Amounts.markup(ctx, changed.markup(), currency)))))
                  .onFailure(ProblemException.class)
                  .recoverWithUni(
                      failure ->
                          ((ProblemException) failure).status() == 400
                              ? credentials
                                  .agent(agentId)
                                  .chain(
                                      fresh ->
                                          ctx.reply(refusal(ctx, markup.kind(), fresh, currency)))
                              : Uni.createFrom().failure(failure));
            })
        .replaceWithVoid();
  }

  private static String ask(Ctx ctx, MarkupKind kind, AgentView agent, String currency) {
    return kind == MarkupKind.PERCENT
        ? ctx.t("pricing.ask.percent", Amounts.percent(agent.maxPercentBasisPoints()))
        : ctx.t("pricing.ask.fixed", currency, ctx.money(agent.maxFixedMinor(), currency));
  }

  private static String refusal(Ctx ctx, MarkupKind kind, AgentView agent, String currency) {
    return kind == MarkupKind.PERCENT
        ? ctx.t("pricing.refused", "0 %", Amounts.percent(agent.maxPercentBasisPoints()))
        : ctx.t(
            "pricing.refused", ctx.money(0, currency), ctx.money(agent.maxFixedMinor(), currency));
  }

  private static long bound(AgentView agent, MarkupKind kind) {
    return kind == MarkupKind.PERCENT ? agent.maxPercentBasisPoints() : agent.maxFixedMinor();
  }

  /** The platform's currency, as the ledger keeps the agent's money in it. */
  private Uni<String> currency(Ctx ctx) {
    return ledger.balance(ctx.bot().tenantId()).map(AgentLedgerClient.BalanceView::currency);
  }
}
