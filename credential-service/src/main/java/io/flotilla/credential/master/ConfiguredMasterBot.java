package io.flotilla.credential.master;

import io.flotilla.credential.bot.BotTokenVerifier;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Registers the master bot token from configuration ({@code FLOTILLA_MASTER_BOT_TOKEN}) when the
 * service starts, unless the master bot already runs on it (compared by fingerprint, so a restart
 * neither asks Telegram nor writes anything). It runs in the background: start-up never waits for
 * Telegram. While Telegram or the database cannot be reached it tries again every {@code
 * flotilla.master.bot-token-retry-interval}; a token Telegram refuses, or one another tenant holds,
 * is reported once and left alone. Of several replicas starting at once, one stores the token and
 * the others then find it stored.
 */
@ApplicationScoped
public class ConfiguredMasterBot {

  /** Who the audit log names for a registration from configuration. */
  static final String ACTOR = "config:FLOTILLA_MASTER_BOT_TOKEN";

  private static final String FIELD = "FLOTILLA_MASTER_BOT_TOKEN";
  private static final Logger LOG = Logger.getLogger(ConfiguredMasterBot.class);

  private final MasterBotService master;
  private final BotTokenVerifier verifier;
  private final MasterConfig config;
  private volatile boolean settled;

  public ConfiguredMasterBot(
      MasterBotService master, BotTokenVerifier verifier, MasterConfig config) {
    this.master = master;
    this.verifier = verifier;
    this.config = config;
  }

  @Scheduled(
      every = "${flotilla.master.bot-token-retry-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> registerConfiguredToken() {
    if (settled || config.botToken().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String token = config.botToken().get();
    return master
        .runsOn(token)
        .chain(
            stored ->
                stored
                    ? Uni.createFrom().item(false)
                    : verifier
                        .verify(token, FIELD)
                        .chain(verified -> master.register(verified, ACTOR))
                        .replaceWith(true))
        .invoke(
            registered -> {
              settled = true;
              LOG.info(
                  registered
                      ? "Master shop bot registered from " + FIELD
                      : "Master shop bot already runs on " + FIELD);
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              if (isFinal(failure)) {
                settled = true;
                LOG.errorf("%s was not registered: %s", FIELD, failure.getMessage());
              } else {
                LOG.warnf(
                    "%s not registered yet, trying again in %s: %s",
                    FIELD,
                    config.botTokenRetryInterval(),
                    failure instanceof ProblemException
                        ? failure.getMessage()
                        : failure.getClass().getSimpleName());
              }
              return null;
            })
        .replaceWithVoid();
  }

  /**
   * A refusal that trying again cannot change: the token's shape, Telegram's verdict on it, or a
   * token or bot another tenant holds. A replica that lost the race to create the master tenant
   * ({@code tenant-exists}) tries again and then finds the token stored.
   */
  private static boolean isFinal(Throwable failure) {
    return failure instanceof ProblemException problem
        && problem.status() >= 400
        && problem.status() < 500
        && !"tenant-exists".equals(problem.slug());
  }
}
