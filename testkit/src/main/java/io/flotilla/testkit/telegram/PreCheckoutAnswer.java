package io.flotilla.testkit.telegram;

/**
 * How a bot answered a pre-checkout query with answerPreCheckoutQuery.
 *
 * @param errorMessage what the user was shown when the bot refused, or null when {@code ok}
 */
public record PreCheckoutAnswer(String preCheckoutQueryId, boolean ok, String errorMessage) {}
