package io.flotilla.fleet.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.fleet.dispatch.DispatchConfig;
import io.flotilla.fleet.dispatch.Dispatcher;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Fetches one bot's updates by long polling: a chain of non-blocking {@code getUpdates} calls, so
 * thousands of bots share the event loops instead of holding a thread each. A poll's updates go to
 * the {@link Dispatcher} (each chat in order, chats concurrently) and the next poll confirms them
 * (offset = last update id + 1) right away, unless the bot already has {@code maxPendingPerBot}
 * updates waiting: then it waits for this batch first, so a flooded bot cannot queue without end.
 */
final class Poller {

  private static final Logger LOG = Logger.getLogger(Poller.class);

  /** The update kinds the fleet's handlers use; Telegram sends no others. */
  static final List<String> ALLOWED_UPDATES =
      List.of("message", "callback_query", "pre_checkout_query", "my_chat_member");

  private final LiveBot bot;
  private final BotApiClient api;
  private final Dispatcher dispatcher;
  private final FleetConfig config;
  private final int maxPending;
  private final Consumer<String> onRevoked;

  private volatile boolean stopped;
  private volatile Cancellable inFlight;
  private long offset;
  private Duration backoff;

  Poller(
      LiveBot bot,
      BotApiClient api,
      Dispatcher dispatcher,
      FleetConfig config,
      DispatchConfig dispatch,
      Consumer<String> onRevoked) {
    this.bot = bot;
    this.api = api;
    this.dispatcher = dispatcher;
    this.config = config;
    this.maxPending = dispatch.maxPendingPerBot();
    this.onRevoked = onRevoked;
    this.backoff = config.initialPollBackoff();
  }

  void start() {
    pollNext();
  }

  void stop() {
    stopped = true;
    Cancellable poll = inFlight;
    if (poll != null) {
      poll.cancel();
    }
  }

  private void pollNext() {
    if (stopped) {
      return;
    }
    Duration pollTimeout = config.longPollTimeout();
    inFlight =
        api.call(
                bot.token(),
                "getUpdates",
                Map.of(
                    "offset", offset,
                    "timeout", pollTimeout.toSeconds(),
                    "allowed_updates", ALLOWED_UPDATES),
                pollTimeout.plus(config.requestSlack()))
            .chain(this::dispatchAll)
            .subscribe()
            .with(
                handled -> {
                  backoff = config.initialPollBackoff();
                  pollNext();
                },
                this::onPollFailure);
  }

  private Uni<Void> dispatchAll(JsonNode updates) {
    if (stopped || !updates.isArray() || updates.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> handled = new ArrayList<>();
    Dispatcher.Target target = bot.target();
    for (JsonNode update : updates) {
      offset = Math.max(offset, update.path("update_id").asLong() + 1);
      // Subscribed at once so that the dispatcher queues the batch in order.
      handled.add(dispatcher.dispatch(target, update).memoize().indefinitely());
      handled.getLast().subscribe().with(done -> {});
    }
    if (dispatcher.pending(target.info().botId()) < maxPending) {
      return Uni.createFrom().voidItem();
    }
    return Uni.join().all(handled).andCollectFailures().replaceWithVoid();
  }

  private static boolean webhookHoldsUpdates(BotApiException conflict) {
    return conflict.getMessage() != null && conflict.getMessage().contains("webhook");
  }

  private void onPollFailure(Throwable failure) {
    if (stopped) {
      return;
    }
    if (failure instanceof BotApiException api && api.isUnauthorized()) {
      stopped = true;
      onRevoked.accept(
          "Telegram rejected the bot token (" + api.errorCode() + " " + api.getMessage() + ")");
      return;
    }
    if (failure instanceof BotApiException api && api.isConflict() && webhookHoldsUpdates(api)) {
      // The bot was served by webhook before; polling it now means taking its updates back.
      inFlight =
          this.api
              .call(bot.token(), "deleteWebhook", Map.of())
              .subscribe()
              .with(deleted -> pollNext(), this::onPollFailure);
      return;
    }
    Duration wait = backoff;
    if (failure instanceof BotApiException api && api.isTooManyRequests()) {
      wait = Duration.ofSeconds(api.retryAfterSeconds().orElse(1));
    } else {
      backoff =
          backoff.multipliedBy(2).compareTo(config.maxPollBackoff()) > 0
              ? config.maxPollBackoff()
              : backoff.multipliedBy(2);
      LOG.debugf("Bot %d poll failed, retrying in %s: %s", bot.info().botId(), wait, failure);
    }
    inFlight =
        Uni.createFrom()
            .voidItem()
            .onItem()
            .delayIt()
            .by(wait)
            .subscribe()
            .with(ignored -> pollNext());
  }
}
