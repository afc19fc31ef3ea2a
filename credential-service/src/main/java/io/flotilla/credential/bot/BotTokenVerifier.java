package io.flotilla.credential.bot;

import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.flotilla.platform.telegram.BotApiUnavailableException;
import io.flotilla.platform.telegram.BotIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Proves a token works before anything is stored: its shape first, then {@code getMe}, whose bot id
 * must be the token's own prefix. Runs outside any database transaction, since it waits on the
 * network.
 */
@ApplicationScoped
public class BotTokenVerifier {

  private final BotApiClient telegram;

  public BotTokenVerifier(BotApiClient telegram) {
    this.telegram = telegram;
  }

  public Uni<BotIdentity> verify(String token, String field) {
    long claimedBotId = BotTokenFormat.botId(token, field);
    return telegram
        .getMe(token)
        .onFailure(BotApiException.class)
        .transform(
            failure ->
                new ProblemException(
                    400,
                    "bot-token-rejected",
                    "Bot token rejected",
                    field + ": Telegram refused the token (" + failure.getMessage() + ")",
                    Map.of("field", field)))
        .onFailure(BotApiUnavailableException.class)
        .transform(
            failure ->
                ProblemException.unavailable(
                    "telegram-unavailable",
                    "The Telegram Bot API cannot be reached; nothing was stored, try again"))
        .invoke(
            identity -> {
              if (identity.id() != claimedBotId) {
                throw new ProblemException(
                    400,
                    "bot-token-mismatch",
                    "Bot token mismatch",
                    field + ": Telegram reports a different bot id than the token names",
                    Map.of("field", field));
              }
            });
  }
}
