package io.flotilla.testkit.telegram;

/** What a bot answered to a callback query with answerCallbackQuery. */
public record CallbackAnswer(
    String callbackQueryId, String text, boolean showAlert, String url, int cacheTime) {}
