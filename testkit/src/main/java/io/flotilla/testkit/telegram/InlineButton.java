package io.flotilla.testkit.telegram;

/**
 * One button of an inline keyboard as the user sees it: its label and what pressing it does.
 *
 * @param callbackData the data sent to the bot, or null for other buttons
 * @param url the link the button opens, or null for other buttons
 * @param pay whether it is the Pay button of an invoice
 */
public record InlineButton(String label, String callbackData, String url, boolean pay) {

  @Override
  public String toString() {
    if (callbackData != null) {
      return "[" + label + " -> " + callbackData + "]";
    }
    if (url != null) {
      return "[" + label + " -> " + url + "]";
    }
    return "[" + label + (pay ? " (pay)" : "") + "]";
  }
}
