package io.flotilla.fleet.feature.admin;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.contracts.money.Markup;
import io.flotilla.contracts.money.MarkupKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.admin.AdminCredentialClient.AgentPage;
import io.flotilla.fleet.feature.admin.AdminCredentialClient.AgentView;
import io.flotilla.fleet.feature.admin.AdminCredentialClient.CreateAgentRequest;
import io.flotilla.fleet.feature.admin.AdminCredentialClient.PricingChange;
import io.flotilla.fleet.feature.admin.AdminCredentialClient.Reason;
import io.flotilla.fleet.feature.agent.Amounts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The platform admins' agent commands in the master bot: create (the message with the token is
 * deleted at once), list, a claim link for an owner, pause, resume and set the markup. Each names
 * one agent and confirms the result; the credential service validates and audits the change as
 * {@code tg:<telegram id>}.
 */
@ApplicationScoped
public class AgentAdminModule implements BotModule {

  static final int PAGE_SIZE = 10;
  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @CallbackData.Tag("adagl")
  public record AgentListPage(int page) implements CallbackData {}

  private final AdminCredentialClient credentials;
  private final AdminLedgerClient ledger;

  public AgentAdminModule(
      @RestClient AdminCredentialClient credentials, @RestClient AdminLedgerClient ledger) {
    this.credentials = credentials;
    this.ledger = ledger;
  }

  @Override
  public void routes(Router router) {
    admin(router, "agent_create", this::create, "cmd.agent_create");
    admin(router, "agent_list", ctx -> list(ctx, 1), "cmd.agent_list");
    admin(router, "agent_claim", this::claim, "cmd.agent_claim");
    admin(router, "agent_pause", this::pause, "cmd.agent_pause");
    admin(router, "agent_resume", this::resume, "cmd.agent_resume");
    admin(router, "agent_pricing", this::pricing, "cmd.agent_pricing");
    router.callback(AgentListPage.class, (ctx, page) -> list(ctx, page.page())).role(Role.ADMIN);
  }

  static void admin(
      Router router, String name, io.flotilla.fleet.bot.Handler handler, String menu) {
    router.command(name, handler).role(Role.ADMIN).in(TenantKind.MASTER).menu(menu);
  }

  /** {@code /agent_create <id> <token> <name>}: the token leaves the chat before anything else. */
  private Uni<Void> create(Ctx ctx) {
    String[] args = ctx.commandArgs().split("\\s+", 3);
    return ctx.deleteIncoming()
        // A message Telegram will not delete (too old, or a group without the right) still
        // holds a live token: the admin must know, and revoke it with @BotFather.
        .onFailure()
        .recoverWithUni(
            failure -> ctx.reply(ctx.t("admin.agent.create.token-not-deleted")).replaceWithVoid())
        .chain(
            () -> {
              if (args.length < 3 || args[2].isBlank()) {
                return ctx.reply(ctx.t("admin.agent.create.usage")).replaceWithVoid();
              }
              String agentId = args[0].toLowerCase(Locale.ROOT);
              return credentials
                  .create(
                      Admins.actor(ctx), new CreateAgentRequest(agentId, args[2].strip(), args[1]))
                  .chain(
                      agent ->
                          ctx.reply(
                              ctx.t(
                                  "admin.agent.created",
                                  agent.agentId(),
                                  agent.name(),
                                  agent.bot() == null ? "" : agent.bot().username())))
                  .replaceWithVoid()
                  .onFailure()
                  .recoverWithUni(failure -> Admins.refused(ctx, failure));
            });
  }

  private Uni<Void> list(Ctx ctx, int page) {
    int wanted = Math.max(1, page);
    return credentials
        .list(wanted, PAGE_SIZE)
        .chain(found -> currency(found).chain(currency -> showList(ctx, found, currency)));
  }

  private Uni<Void> showList(Ctx ctx, AgentPage found, String currency) {
    if (found.items().isEmpty()) {
      return ctx.show(ctx.t("admin.agent.list.empty"), null);
    }
    long pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    String lines =
        found.items().stream()
            .map(
                agent ->
                    ctx.t(
                        "admin.agent.line",
                        agent.agentId(),
                        agent.name(),
                        ctx.t("agent.status." + agent.status().toLowerCase(Locale.ROOT)),
                        agent.markup() == null
                            ? "—"
                            : Amounts.markup(ctx, agent.markup(), currency),
                        agent.bot() == null ? "—" : "@" + agent.bot().username()))
            .collect(Collectors.joining("\n"));
    List<Keyboard.Button> nav = new ArrayList<>();
    if (found.page() > 1) {
      nav.add(Keyboard.Button.of(ctx.t("page.previous"), new AgentListPage(found.page() - 1)));
    }
    if (found.page() < pages) {
      nav.add(Keyboard.Button.of(ctx.t("page.next"), new AgentListPage(found.page() + 1)));
    }
    return ctx.show(
        ctx.t("admin.agent.list", found.page(), pages, found.total()) + "\n" + lines,
        Keyboard.builder().row(nav).build());
  }

  /**
   * {@code /agent_claim <id>}: a one-time link to the agent's bot; whoever opens it first becomes
   * an owner. The link is shown to the admin only, to hand to that person.
   */
  private Uni<Void> claim(Ctx ctx) {
    String agentId = ctx.commandArgs().strip();
    if (agentId.isEmpty() || agentId.contains(" ")) {
      return ctx.reply(ctx.t("admin.agent.claim.usage")).replaceWithVoid();
    }
    return credentials
        .agent(agentId)
        .chain(
            agent ->
                credentials
                    .claim(agentId, Admins.actor(ctx))
                    .chain(
                        claim ->
                            ctx.reply(
                                ctx.t(
                                    "admin.agent.claim.link",
                                    agentId,
                                    "https://t.me/"
                                        + agent.bot().username()
                                        + "?start="
                                        + claim.startPayload(),
                                    DAY.format(claim.expiresAt())))))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(failure -> Admins.refused(ctx, failure));
  }

  /** {@code /agent_pause <id> [reason]}: its bot stops selling within seconds. */
  private Uni<Void> pause(Ctx ctx) {
    String[] args = ctx.commandArgs().split("\\s+", 2);
    if (args[0].isBlank()) {
      return ctx.reply(ctx.t("admin.agent.pause.usage")).replaceWithVoid();
    }
    String reason = args.length > 1 ? args[1].strip() : ctx.t("admin.agent.pause.default-reason");
    return credentials
        .pause(args[0], Admins.actor(ctx), new Reason(reason))
        .chain(agent -> ctx.reply(ctx.t("admin.agent.paused", agent.agentId(), reason)))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(failure -> Admins.refused(ctx, failure));
  }

  private Uni<Void> resume(Ctx ctx) {
    String agentId = ctx.commandArgs().strip();
    if (agentId.isEmpty() || agentId.contains(" ")) {
      return ctx.reply(ctx.t("admin.agent.resume.usage")).replaceWithVoid();
    }
    return credentials
        .resume(agentId, Admins.actor(ctx))
        .chain(agent -> ctx.reply(ctx.t("admin.agent.resumed", agent.agentId())))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(failure -> Admins.refused(ctx, failure));
  }

  /** {@code /agent_pricing <id> percent|fixed <value>}: "percent 12.5" or "fixed 0.50". */
  private Uni<Void> pricing(Ctx ctx) {
    String[] args = ctx.commandArgs().split("\\s+");
    Optional<MarkupKind> kind =
        args.length == 3
            ? switch (args[1].toLowerCase(Locale.ROOT)) {
              case "percent", "%" -> Optional.of(MarkupKind.PERCENT);
              case "fixed" -> Optional.of(MarkupKind.FIXED);
              default -> Optional.empty();
            }
            : Optional.empty();
    if (kind.isEmpty()) {
      return ctx.reply(ctx.t("admin.agent.pricing.usage")).replaceWithVoid();
    }
    String agentId = args[0];
    return ledger
        .balance(agentId)
        .map(AdminLedgerClient.BalanceView::currency)
        .chain(
            currency -> {
              Optional<Markup> markup = Amounts.markup(kind.get(), args[2], currency);
              if (markup.isEmpty()) {
                return ctx.reply(ctx.t("admin.agent.pricing.usage")).replaceWithVoid();
              }
              return credentials
                  .pricing(agentId, Admins.actor(ctx), new PricingChange(markup.get()))
                  .chain(
                      agent ->
                          ctx.reply(
                              ctx.t(
                                  "admin.agent.priced",
                                  agent.agentId(),
                                  Amounts.markup(ctx, agent.markup(), currency))))
                  .replaceWithVoid();
            })
        .onFailure()
        .recoverWithUni(failure -> Admins.refused(ctx, failure));
  }

  /** The currency fixed markups are in, read only when the page shows one. */
  private Uni<String> currency(AgentPage page) {
    return page.items().stream()
        .filter(agent -> agent.markup() != null && agent.markup().kind() == MarkupKind.FIXED)
        .map(AgentView::agentId)
        .findFirst()
        .map(agentId -> ledger.balance(agentId).map(AdminLedgerClient.BalanceView::currency))
        .orElse(Uni.createFrom().item(""));
  }
}
