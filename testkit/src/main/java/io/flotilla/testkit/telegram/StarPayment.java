package io.flotilla.testkit.telegram;

/**
 * A payment in Telegram Stars that a user made to a bot, as Telegram's ledger records it.
 *
 * @param refunded whether the bot refunded it with refundStarPayment
 */
public record StarPayment(
    long userId,
    String telegramPaymentChargeId,
    String invoicePayload,
    long totalAmount,
    boolean refunded) {

  StarPayment asRefunded() {
    return new StarPayment(userId, telegramPaymentChargeId, invoicePayload, totalAmount, true);
  }
}
