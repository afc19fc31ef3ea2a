package io.flotilla.fleet.feature.agent;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.feature.agent.AgentCredentialClient.ClaimRedemption;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A claim link, {@code t.me/<agent bot>?start=claim_<code>}: whoever opens it first becomes an
 * owner of the agent whose bot it is. The credential service decides (once, before it expires); the
 * bot only says what happened.
 */
@ApplicationScoped
public class ClaimModule implements BotModule {

  private final AgentCredentialClient credentials;

  public ClaimModule(@RestClient AgentCredentialClient credentials) {
    this.credentials = credentials;
  }

  @Override
  public void routes(Router router) {
    router.deepLink("claim_", this::claim);
  }

  private Uni<Void> claim(Ctx ctx, String code) {
    if (ctx.bot().kind() != TenantKind.AGENT || code.isBlank()) {
      return ctx.reply(ctx.t("claim.unknown")).replaceWithVoid();
    }
    return credentials
        .redeem(new ClaimRedemption(code, ctx.bot().tenantId(), ctx.userId()))
        .chain(agent -> ctx.reply(ctx.t("claim.done", agent.name())))
        .onFailure(ProblemException.class)
        .recoverWithUni(failure -> ctx.reply(ctx.t(refusal((ProblemException) failure))))
        .replaceWithVoid();
  }

  private static String refusal(ProblemException problem) {
    return switch (problem.status()) {
      case 409 -> "claim.used";
      case 410 -> "claim.expired";
      case 400, 404 -> "claim.unknown";
      default -> throw problem;
    };
  }
}
