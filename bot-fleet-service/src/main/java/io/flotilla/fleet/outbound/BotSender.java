package io.flotilla.fleet.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import org.telegram.telegrambots.meta.api.methods.botapimethods.PartialBotApiMethod;

/**
 * Sends one bot's outbound calls through its {@link OutboundLimiter}. A 429 pauses the bot for
 * Telegram's {@code retry_after} and the call is tried again, up to a few times.
 */
public final class BotSender {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int ATTEMPTS_ON_TOO_MANY_REQUESTS = 3;

  private final BotApiClient api;
  private final String token;
  private final OutboundLimiter limiter;

  public BotSender(BotApiClient api, String token, OutboundLimiter limiter) {
    this.api = api;
    this.token = token;
    this.limiter = limiter;
  }

  public OutboundLimiter limiter() {
    return limiter;
  }

  /** Sends a message-like method to a chat, paced per chat and per bot. */
  public Uni<JsonNode> toChat(long chatId, PartialBotApiMethod<?> method) {
    return send(method, () -> limiter.reserve(chatId, System.nanoTime()), 1);
  }

  /** Sends a call that is not addressed to a chat, paced per bot. */
  public Uni<JsonNode> call(PartialBotApiMethod<?> method) {
    return send(method, () -> limiter.reserve(System.nanoTime()), 1);
  }

  private Uni<JsonNode> send(
      PartialBotApiMethod<?> method, java.util.function.Supplier<Duration> slot, int attempt) {
    Duration wait = slot.get();
    Uni<Void> paced =
        wait.isZero()
            ? Uni.createFrom().voidItem()
            : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    @SuppressWarnings("unchecked")
    Map<String, Object> parameters = MAPPER.convertValue(method, Map.class);
    parameters.remove("method");
    return paced
        .chain(() -> api.call(token, method.getMethod(), parameters))
        .onFailure(
            failure ->
                failure instanceof BotApiException e
                    && e.isTooManyRequests()
                    && attempt < ATTEMPTS_ON_TOO_MANY_REQUESTS)
        .recoverWithUni(
            failure -> {
              BotApiException tooMany = (BotApiException) failure;
              limiter.pause(
                  Duration.ofSeconds(tooMany.retryAfterSeconds().orElse(1)), System.nanoTime());
              return send(method, slot, attempt + 1);
            });
  }
}
