package io.flotilla.fleet.bot;

import io.flotilla.fleet.intake.UpdateIntake;
import io.flotilla.fleet.outbound.BotSender;
import io.flotilla.fleet.outbound.OutboundLimiter;
import io.flotilla.platform.telegram.BotApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Keeps the set of running bots equal to what the credential service says should run: all serving
 * bots at start-up, then tenant events start, stop and re-limit them.
 */
@ApplicationScoped
public class BotSupervisor {

  private static final Logger LOG = Logger.getLogger(BotSupervisor.class);
  private static final Duration BOOTSTRAP_RETRY = Duration.ofSeconds(3);

  private final Map<String, RunningBot> running = new ConcurrentHashMap<>();
  private final CredentialClient credentials;
  private final BotApiClient api;
  private final UpdateIntake intake;
  private final FleetConfig config;

  public BotSupervisor(
      @RestClient CredentialClient credentials,
      BotApiClient api,
      UpdateIntake intake,
      FleetConfig config,
      MeterRegistry registry) {
    this.credentials = credentials;
    this.api = api;
    this.intake = intake;
    this.config = config;
    registry.gaugeMapSize("flotilla.fleet.bots.running", List.of(), running);
  }

  void onStart(@Observes StartupEvent event) {
    startServingBots("").subscribe().with(count -> LOG.infof("Fleet started %d bots", count));
  }

  void onStop(@Observes ShutdownEvent event) {
    running.values().forEach(RunningBot::stop);
    running.clear();
  }

  /** Starts every serving bot, page by page, retrying while the credential service is away. */
  Uni<Integer> startServingBots(String after) {
    return credentials
        .serving(after, config.bootstrapPageSize())
        .onFailure()
        .retry()
        .withBackOff(BOOTSTRAP_RETRY, BOOTSTRAP_RETRY.multipliedBy(10))
        .indefinitely()
        .chain(
            page -> {
              page.forEach(
                  bot ->
                      start(bot.tenantId())
                          .subscribe()
                          .with(
                              started -> {},
                              failure ->
                                  LOG.warnf("Bot of %s not started: %s", bot.tenantId(), failure)));
              if (page.size() < config.bootstrapPageSize()) {
                return Uni.createFrom().item(page.size());
              }
              return startServingBots(page.getLast().tenantId()).map(rest -> rest + page.size());
            });
  }

  /** Starts (or restarts with a new token) a tenant's bot if it may serve. */
  public Uni<Void> start(String tenantId) {
    return credentials
        .credentials(tenantId)
        .invoke(
            bot -> {
              if (!bot.serving()) {
                stop(tenantId);
                return;
              }
              running.compute(
                  tenantId,
                  (id, current) -> {
                    if (current != null && current.usesToken(bot.botToken())) {
                      current.context().sender().limiter().changeRate(bot.requestsPerSecond());
                      return current;
                    }
                    if (current != null) {
                      current.stop();
                    }
                    RunningBot fresh = launch(bot);
                    fresh.start();
                    return fresh;
                  });
            })
        .replaceWithVoid();
  }

  public void stop(String tenantId) {
    RunningBot bot = running.remove(tenantId);
    if (bot != null) {
      bot.stop();
      LOG.infof("Stopped bot of %s", tenantId);
    }
  }

  public void changeRate(String tenantId, int requestsPerSecond) {
    RunningBot bot = running.get(tenantId);
    if (bot != null) {
      bot.context().sender().limiter().changeRate(requestsPerSecond);
    }
  }

  public boolean isRunning(String tenantId) {
    return running.containsKey(tenantId);
  }

  private RunningBot launch(BotCredentials bot) {
    BotSender sender =
        new BotSender(api, bot.botToken(), new OutboundLimiter(bot.requestsPerSecond()));
    BotContext context =
        new BotContext(bot.tenantId(), bot.tenantKind(), bot.tenantName(), bot.botId(), sender);
    LOG.infof("Starting bot %d of %s", bot.botId(), bot.tenantId());
    return new RunningBot(
        context, bot.botToken(), api, intake, config, reason -> onRevoked(bot.tenantId(), reason));
  }

  private void onRevoked(String tenantId, String reason) {
    running.remove(tenantId);
    LOG.warnf("Bot of %s stopped: %s", tenantId, reason);
    credentials
        .reportFailure(tenantId, new CredentialClient.FailureReport(reason))
        .onFailure()
        .invoke(failure -> LOG.warnf("Reporting the failure of %s failed: %s", tenantId, failure))
        .onFailure()
        .retry()
        .withBackOff(BOOTSTRAP_RETRY, BOOTSTRAP_RETRY.multipliedBy(10))
        .atMost(20)
        .subscribe()
        .with(
            done -> {}, failure -> LOG.errorf("Failure of %s not reported: %s", tenantId, failure));
  }
}
