package io.flotilla.fleet.bot;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.fleet.intake.UpdateIntake;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One bot served by long polling. A chain of non-blocking {@code getUpdates} calls, so thousands of
 * bots share the event loops instead of holding a thread each. The updates of one poll are handled
 * in order before the next poll confirms them (offset = last update id + 1).
 */
final class RunningBot {

  private static final Logger LOG = Logger.getLogger(RunningBot.class);
  private static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

  private final BotContext context;
  private final String token;
  private final BotApiClient api;
  private final UpdateIntake intake;
  private final FleetConfig config;
  private final Consumer<String> onRevoked;

  private volatile boolean stopped;
  private volatile Cancellable inFlight;
  private long offset;
  private Duration backoff;

  RunningBot(
      BotContext context,
      String token,
      BotApiClient api,
      UpdateIntake intake,
      FleetConfig config,
      Consumer<String> onRevoked) {
    this.context = context;
    this.token = token;
    this.api = api;
    this.intake = intake;
    this.config = config;
    this.onRevoked = onRevoked;
    this.backoff = config.initialPollBackoff();
  }

  BotContext context() {
    return context;
  }

  boolean usesToken(String candidate) {
    return token.equals(candidate);
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
                token,
                "getUpdates",
                Map.of(
                    "offset", offset,
                    "timeout", pollTimeout.toSeconds(),
                    "allowed_updates", ALLOWED_UPDATES),
                pollTimeout.plus(config.requestSlack()))
            .chain(this::handleAll)
            .subscribe()
            .with(
                handled -> {
                  backoff = config.initialPollBackoff();
                  pollNext();
                },
                this::onPollFailure);
  }

  private Uni<Void> handleAll(JsonNode updates) {
    if (stopped || !updates.isArray() || updates.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<JsonNode> batch = new ArrayList<>();
    updates.forEach(batch::add);
    offset = batch.getLast().path("update_id").asLong() + 1;
    return Multi.createFrom()
        .iterable(batch)
        .onItem()
        .transformToUniAndConcatenate(
            update ->
                intake
                    .accept(context, update)
                    .onFailure()
                    .recoverWithItem(
                        failure -> {
                          LOG.warnf(
                              "Bot %d could not handle update %d: %s",
                              context.botId(),
                              update.path("update_id").asLong(),
                              failure.toString());
                          return null;
                        }))
        .collect()
        .last()
        .replaceWithVoid();
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
    Duration wait = backoff;
    if (failure instanceof BotApiException api && api.isTooManyRequests()) {
      wait = Duration.ofSeconds(api.retryAfterSeconds().orElse(1));
    } else {
      backoff =
          backoff.multipliedBy(2).compareTo(config.maxPollBackoff()) > 0
              ? config.maxPollBackoff()
              : backoff.multipliedBy(2);
      LOG.debugf("Bot %d poll failed, retrying in %s: %s", context.botId(), wait, failure);
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
