package io.flotilla.fleet.runtime;

import io.flotilla.fleet.bot.BotInfo;
import io.flotilla.fleet.dispatch.DispatchConfig;
import io.flotilla.fleet.dispatch.Dispatcher;
import io.flotilla.fleet.outbound.BlockedChats;
import io.flotilla.fleet.outbound.BotSender;
import io.flotilla.fleet.outbound.OutboundLimiter;
import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Runs the bots this fleet process serves and makes them converge to what the credential service
 * says should run. A tenant event only marks its tenant to be looked at ({@link #nudge}); the
 * look-up and the start happen here, outside the Kafka consumer, with retries and backoff, so a
 * credential service that fails for a while delays a bot instead of losing it. A periodic pass
 * ({@link Reconciler}) starts what should run and stops what should not, repairing whatever an
 * event missed.
 */
@ApplicationScoped
public class BotSupervisor {

  private static final Logger LOG = Logger.getLogger(BotSupervisor.class);
  private static final Duration MAX_RETRY_BACKOFF = Duration.ofMinutes(1);

  private final Map<String, LiveBot> running = new ConcurrentHashMap<>();
  private final Map<String, String> tenantByWebhookPath = new ConcurrentHashMap<>();
  private final Map<String, Duration> retryBackoff = new ConcurrentHashMap<>();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final CredentialClient credentials;
  private final BotApiClient api;
  private final Dispatcher dispatcher;
  private final BlockedChats blockedChats;
  private final CommandMenus menus;
  private final FleetConfig config;
  private final DispatchConfig dispatch;
  private final WebhookConfig webhook;
  private final Optional<WebhookKeys> webhookKeys;
  private int starting;
  private volatile boolean firstPassDone;

  public BotSupervisor(
      @RestClient CredentialClient credentials,
      BotApiClient api,
      Dispatcher dispatcher,
      BlockedChats blockedChats,
      CommandMenus menus,
      FleetConfig config,
      DispatchConfig dispatch,
      WebhookConfig webhook,
      MeterRegistry registry) {
    this.credentials = credentials;
    this.api = api;
    this.dispatcher = dispatcher;
    this.blockedChats = blockedChats;
    this.menus = menus;
    this.config = config;
    this.dispatch = dispatch;
    this.webhook = webhook;
    this.webhookKeys =
        webhook.publicUrl().map(url -> new WebhookKeys(webhook.secret().orElse(null)));
    registry.gaugeMapSize("flotilla.fleet.bots.running", List.of(), running);
    registry.gaugeCollectionSize("flotilla.fleet.bots.to-reconcile", List.of(), dirty);
  }

  void onStop(@Observes ShutdownEvent event) {
    running.values().forEach(LiveBot::stop);
    running.clear();
  }

  /** Marks a tenant's bot to be brought in line with the credential service soon. */
  public void nudge(String tenantId) {
    dirty.add(tenantId);
    drain();
  }

  /**
   * Whether bots may still be about to start: before the first reconciliation pass has gone
   * through, or while starts are queued or under way. A notification for a bot that does not run
   * yet waits (its consumer retries) instead of being dropped.
   */
  public boolean settling() {
    synchronized (this) {
      return !firstPassDone || starting > 0 || !dirty.isEmpty();
    }
  }

  void firstPassDone() {
    firstPassDone = true;
  }

  public boolean isRunning(String tenantId) {
    return running.containsKey(tenantId);
  }

  Set<String> runningTenants() {
    return new HashSet<>(running.keySet());
  }

  /** The bot of a tenant, for notifications; empty when it does not run here. */
  public Optional<Dispatcher.Target> target(String tenantId) {
    return Optional.ofNullable(running.get(tenantId)).map(LiveBot::target);
  }

  /** Re-publishes every running bot's command menus, e.g. after the admins changed. */
  public void refreshMenus() {
    running
        .values()
        .forEach(bot -> menus.publish(bot.info(), bot.sender()).subscribe().with(d -> {}, f -> {}));
  }

  /**
   * The bot whose webhook path this is, with its id for the secret check; empty for a path no bot
   * of this process has.
   */
  Optional<LiveBot> byWebhookPath(String path) {
    return Optional.ofNullable(tenantByWebhookPath.get(path)).map(running::get);
  }

  Optional<WebhookKeys> webhookKeys() {
    return webhookKeys;
  }

  void stop(String tenantId) {
    LiveBot bot = running.remove(tenantId);
    if (bot != null) {
      bot.stop();
      webhookKeys.ifPresent(
          keys -> {
            tenantByWebhookPath.remove(keys.pathOf(bot.info().botId()));
            // Telegram keeps the updates of a bot without a webhook until it is served again.
            api.call(bot.token(), "deleteWebhook", Map.of())
                .subscribe()
                .with(done -> {}, failure -> {});
          });
      LOG.infof("Stopped bot of %s", tenantId);
    }
  }

  private void drain() {
    while (true) {
      String tenantId;
      synchronized (this) {
        if (starting >= config.maxConcurrentStarts() || dirty.isEmpty()) {
          return;
        }
        tenantId = dirty.iterator().next();
        dirty.remove(tenantId);
        starting++;
      }
      reconcile(tenantId)
          .subscribe()
          .with(
              done -> {
                retryBackoff.remove(tenantId);
                finished();
              },
              failure -> {
                finished();
                retryLater(tenantId, failure);
              });
    }
  }

  private void finished() {
    synchronized (this) {
      starting--;
    }
    drain();
  }

  private void retryLater(String tenantId, Throwable failure) {
    Duration wait =
        retryBackoff.merge(
            tenantId,
            config.startRetryBackoff(),
            (previous, first) -> {
              Duration doubled = previous.multipliedBy(2);
              return doubled.compareTo(MAX_RETRY_BACKOFF) > 0 ? MAX_RETRY_BACKOFF : doubled;
            });
    LOG.warnf(
        "Bot of %s not reconciled, trying again in %s: %s", tenantId, wait, failure.toString());
    Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(wait)
        .subscribe()
        .with(ignored -> nudge(tenantId));
  }

  /** Starts, restarts (new token), updates (owners, limits) or stops one tenant's bot. */
  private Uni<Void> reconcile(String tenantId) {
    return credentials
        .credentials(tenantId)
        .onFailure(
            failure -> failure instanceof ProblemException problem && problem.status() == 404)
        .recoverWithNull()
        .chain(
            bot -> {
              if (bot == null || !bot.serving()) {
                stop(tenantId);
                return Uni.createFrom().voidItem();
              }
              LiveBot current = running.get(tenantId);
              if (current != null && current.usesToken(bot.botToken())) {
                current.update(infoOf(bot));
                current.sender().limiter().changeRate(bot.requestsPerSecond());
                current.sender().changeMaxInFlight(bot.maxConcurrentRequests());
                return setWebhook(current)
                    .chain(() -> menus.publish(current.info(), current.sender()));
              }
              if (current != null) {
                stop(tenantId);
              }
              LiveBot fresh = launch(bot);
              running.put(tenantId, fresh);
              return setWebhook(fresh).chain(() -> menus.publish(fresh.info(), fresh.sender()));
            });
  }

  private LiveBot launch(BotCredentials bot) {
    BotSender sender =
        new BotSender(
            api,
            bot.botToken(),
            new OutboundLimiter(bot.requestsPerSecond()),
            bot.maxConcurrentRequests(),
            chatId ->
                blockedChats
                    .block(bot.botId(), chatId)
                    .subscribe()
                    .with(done -> {}, failure -> {}));
    LiveBot live = new LiveBot(infoOf(bot), bot.botToken(), sender);
    LOG.infof("Starting bot %d of %s", bot.botId(), bot.tenantId());
    if (webhookKeys.isPresent()) {
      tenantByWebhookPath.put(webhookKeys.get().pathOf(bot.botId()), bot.tenantId());
      return live;
    }
    Poller poller =
        new Poller(
            live, api, dispatcher, config, dispatch, reason -> onRevoked(bot.tenantId(), reason));
    live.attach(poller);
    poller.start();
    return live;
  }

  /**
   * In webhook mode, points Telegram at the bot's path with its secret token, once per start; a
   * failure fails the reconciliation, which tries again with backoff.
   */
  private Uni<Void> setWebhook(LiveBot bot) {
    if (webhookKeys.isEmpty() || bot.webhookSet()) {
      return Uni.createFrom().voidItem();
    }
    WebhookKeys keys = webhookKeys.get();
    long botId = bot.info().botId();
    String url =
        webhook.publicUrl().orElseThrow().replaceAll("/+$", "")
            + WebhookIntake.PATH_PREFIX
            + keys.pathOf(botId);
    return api.call(
            bot.token(),
            "setWebhook",
            Map.of(
                "url",
                url,
                "secret_token",
                keys.secretOf(botId),
                "allowed_updates",
                Poller.ALLOWED_UPDATES,
                "max_connections",
                webhook.maxConnections()))
        .invoke(() -> bot.webhookSet(true))
        .onFailure(BotApiException.class)
        .invoke(
            failure -> {
              if (((BotApiException) failure).isUnauthorized()) {
                onRevoked(bot.info().tenantId(), "Telegram rejected the bot token");
              }
            })
        .replaceWithVoid();
  }

  private static BotInfo infoOf(BotCredentials bot) {
    return new BotInfo(
        bot.tenantId(),
        bot.tenantKind(),
        bot.tenantName(),
        bot.botId(),
        bot.botUsername(),
        Set.copyOf(bot.ownerTelegramIds()));
  }

  private void onRevoked(String tenantId, String reason) {
    running.remove(tenantId);
    LOG.warnf("Bot of %s stopped: %s", tenantId, reason);
    credentials
        .reportFailure(tenantId, new CredentialClient.FailureReport(reason))
        .onFailure()
        .retry()
        .withBackOff(config.startRetryBackoff(), MAX_RETRY_BACKOFF)
        .atMost(20)
        .subscribe()
        .with(
            done -> {}, failure -> LOG.errorf("Failure of %s not reported: %s", tenantId, failure));
  }
}
