package io.flotilla.credential.bot;

import io.flotilla.platform.problem.ProblemException;
import io.flotilla.platform.telegram.BotApiClient;
import io.flotilla.platform.telegram.BotApiException;
import io.flotilla.platform.telegram.BotApiUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Proves a token works before anything is stored: its shape first, then {@code getMe}, whose bot id
 * must be the token's own prefix. Runs outside any database transaction, since it waits on the
 * network. No failure repeats the token or Telegram's own words about it.
 */
@ApplicationScoped
public class BotTokenVerifier {

  private final BotApiClient telegram;

  public BotTokenVerifier(BotApiClient telegram) {
    this.telegram = telegram;
  }

  /**
   * @param field the request field the token came in, named in 400 answers
   */
  public Uni<VerifiedToken> verify(String token, String field) {
    long claimedBotId;
    try {
      claimedBotId = BotTokenFormat.botId(token, field);
    } catch (ProblemException malformed) {
      return Uni.createFrom().failure(malformed);
    }
    return telegram
        .getMe(token)
        .onFailure(BotApiException.class)
        .transform(failure -> refused(field, (BotApiException) failure))
        .onFailure(BotApiUnavailableException.class)
        .transform(
            failure ->
                ProblemException.unavailable(
                    "telegram-unavailable",
                    "The Telegram Bot API cannot be reached; nothing was stored, try again"))
        .map(
            identity -> {
              if (identity.id() != claimedBotId) {
                throw new ProblemException(
                    400,
                    "bot-token-mismatch",
                    "Bot token mismatch",
                    field + ": Telegram reports a different bot id than the token names",
                    Map.of("field", field));
              }
              return new VerifiedToken(token, identity);
            });
  }

  private static ProblemException refused(String field, BotApiException failure) {
    if (failure.isTooManyRequests() || failure.errorCode() >= 500) {
      return ProblemException.unavailable(
          "telegram-unavailable",
          "The Telegram Bot API is busy (error "
              + failure.errorCode()
              + "); nothing was stored, try again");
    }
    String why =
        failure.isUnauthorized()
            ? "Telegram does not know this token (revoked or never issued)"
            : "Telegram refused the token (error " + failure.errorCode() + ")";
    return new ProblemException(
        400,
        "bot-token-rejected",
        "Bot token rejected",
        field + ": " + why,
        Map.of("field", field));
  }
}
