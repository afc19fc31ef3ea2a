package io.flotilla.fleet.feature.admin;

import static io.flotilla.fleet.feature.admin.AgentAdminModule.admin;

import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.admin.AdminLedgerClient.TopUpView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code /topup_confirm <reference>}: an admin confirms a central top-up the customer paid, named
 * by the reference the customer was given (or its id); the ledger credits it once.
 */
@ApplicationScoped
public class TopUpAdminModule implements BotModule {

  /**
   * The ledger cannot look a top-up up by reference yet: the pending ones are read page by page,
   * this many pages of {@link #PAGE_SIZE} at most.
   */
  static final int MAX_PAGES = 20;

  static final int PAGE_SIZE = 500;

  private final AdminLedgerClient ledger;

  public TopUpAdminModule(@RestClient AdminLedgerClient ledger) {
    this.ledger = ledger;
  }

  @Override
  public void routes(Router router) {
    admin(router, "topup_confirm", this::confirm, "cmd.topup_confirm");
  }

  private Uni<Void> confirm(Ctx ctx) {
    String reference = ctx.commandArgs().strip();
    if (reference.isEmpty() || reference.contains(" ")) {
      return ctx.reply(ctx.t("admin.topup.usage")).replaceWithVoid();
    }
    Uni<Optional<UUID>> id =
        Admins.uuid(reference).isPresent()
            ? Uni.createFrom().item(Admins.uuid(reference))
            : findPending(reference, 0);
    return id.chain(
            found ->
                found.isEmpty()
                    ? ctx.reply(ctx.t("admin.topup.unknown", reference)).replaceWithVoid()
                    : ledger
                        .confirmTopUp(found.get(), Admins.actor(ctx))
                        .chain(topUp -> ctx.reply(confirmed(ctx, topUp)))
                        .replaceWithVoid())
        .onFailure()
        .recoverWithUni(failure -> Admins.refused(ctx, failure));
  }

  private Uni<Optional<UUID>> findPending(String reference, int page) {
    return ledger
        .topUps("pending", "central", page, PAGE_SIZE)
        .chain(
            topUps -> {
              Optional<UUID> found =
                  topUps.stream()
                      .filter(topUp -> reference.equalsIgnoreCase(topUp.reference()))
                      .map(TopUpView::topUpId)
                      .findFirst();
              if (found.isPresent() || topUps.size() < PAGE_SIZE || page + 1 >= MAX_PAGES) {
                return Uni.createFrom().item(found);
              }
              return findPending(reference, page + 1);
            });
  }

  private static String confirmed(Ctx ctx, TopUpView topUp) {
    return ctx.t(
        "admin.topup.confirmed",
        topUp.reference(),
        ctx.money(topUp.amount(), topUp.currency()),
        topUp.customerId(),
        topUp.tenantId());
  }
}
