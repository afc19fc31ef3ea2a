package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.Invoice;
import io.flotilla.testkit.telegram.BotApiTypes.Message;
import io.flotilla.testkit.telegram.BotApiTypes.PreCheckoutQuery;
import io.flotilla.testkit.telegram.BotApiTypes.RefundedPayment;
import io.flotilla.testkit.telegram.BotApiTypes.SuccessfulPayment;
import io.flotilla.testkit.telegram.BotApiTypes.Update;
import io.flotilla.testkit.telegram.BotApiTypes.User;
import io.flotilla.testkit.telegram.BotState.ChatState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Telegram Stars payments of one bot: invoices it sent, the pre-checkout queries of users who pay
 * them, and the charges that follow. The emulator knows no payment providers, so only invoices in
 * Stars (currency "XTR") can be sent. Guarded by the monitor of the owning {@link BotState}.
 */
final class StarPayments {
  static final String STARS = "XTR";

  /** Telegram cancels the payment when the bot does not answer the pre-checkout query in time. */
  static final Duration PRE_CHECKOUT_DEADLINE = Duration.ofSeconds(10);

  private static final long MAX_AMOUNT = 9999_9999_9999L;
  private static final int MAX_TITLE_LENGTH = 32;
  private static final int MAX_DESCRIPTION_LENGTH = 255;
  private static final int MAX_PAYLOAD_BYTES = 128;
  private static final int MAX_SUGGESTED_TIPS = 4;
  private static final String QUERY_INVALID =
      "query is too old and response timeout expired or query ID is invalid";

  /** An invoice as the bot asked for it; the payload is never shown to the user. */
  record InvoiceRequest(
      String title,
      String description,
      String payload,
      String providerToken,
      String currency,
      List<Long> prices,
      long maxTipAmount,
      List<Long> suggestedTips,
      String startParameter) {

    long totalAmount() {
      return prices.stream().mapToLong(Long::longValue).sum();
    }

    Invoice invoice() {
      return new Invoice(title, description, startParameter, currency, totalAmount());
    }
  }

  private static final class Checkout {
    final PreCheckoutQuery query;
    final long chatId;
    final InvoiceRequest invoice;
    final Instant deadline;
    PreCheckoutAnswer answer;

    Checkout(PreCheckoutQuery query, long chatId, InvoiceRequest invoice, Instant deadline) {
      this.query = query;
      this.chatId = chatId;
      this.invoice = invoice;
      this.deadline = deadline;
    }
  }

  private final Map<Long, InvoiceRequest> invoicesByMessageId = new HashMap<>();
  private final Map<String, Checkout> checkouts = new HashMap<>();
  private final Map<String, StarPayment> charges = new LinkedHashMap<>();

  /**
   * The Bot API server's own checks of sendInvoice's parameters, before the chat is looked up.
   * Error texts are the server's; "parameter ... is required" comes first for each missing one.
   */
  static InvoiceRequest parse(BotApiRequest request, ObjectMapper json) {
    String title = required(request, "title");
    String description = required(request, "description");
    String payload = required(request, "payload");
    String providerToken = request.arg("provider_token");
    String startParameter = request.arg("start_parameter");
    String currency = required(request, "currency");
    JsonNode prices =
        jsonValue(required(request, "prices"), json, "can't parse prices JSON object");
    if (!prices.isArray()) {
      throw BotApiException.badRequest("expected an Array of labeled prices");
    }
    List<Long> amounts = new ArrayList<>();
    for (JsonNode price : prices) {
      amounts.add(labeledPriceAmount(price));
    }
    if (amounts.isEmpty()) {
      throw BotApiException.badRequest("there must be at least one price");
    }
    long maxTip = 0;
    if (!request.arg("max_tip_amount").isEmpty()) {
      try {
        maxTip = Long.parseLong(request.arg("max_tip_amount").strip());
      } catch (NumberFormatException e) {
        throw BotApiException.badRequest("can't parse \"max_tip_amount\" as Number");
      }
    }
    List<Long> tips = new ArrayList<>();
    if (!request.arg("suggested_tip_amounts").isEmpty()) {
      JsonNode suggested =
          jsonValue(
              request.arg("suggested_tip_amounts"),
              json,
              "can't parse suggested_tip_amounts JSON object");
      if (!suggested.isArray()) {
        throw BotApiException.badRequest("expected an Array of suggested tip amounts");
      }
      for (JsonNode tip : suggested) {
        if (!tip.isNumber() && !tip.isTextual()) {
          throw BotApiException.badRequest("suggested tip amount must be of type Number or String");
        }
        tips.add(BotApiRequest.leadingInteger(tip.asText()));
      }
    }
    return new InvoiceRequest(
        title,
        description,
        payload,
        providerToken,
        currency,
        List.copyOf(amounts),
        maxTip,
        List.copyOf(tips),
        startParameter);
  }

  /**
   * The checks TDLib and then Telegram make once the chat is known, in their order. The emulator
   * has no payment providers, so every other currency fails as with an unknown provider token.
   */
  static void checkWithTelegram(InvoiceRequest invoice) {
    long total = 0;
    for (long amount : invoice.prices()) {
      if (Math.abs(amount) > MAX_AMOUNT) {
        throw BotApiException.badRequest("too big amount of the currency specified");
      }
      total += amount;
    }
    if (total <= 0) {
      throw BotApiException.badRequest("total price must be positive");
    }
    if (total > MAX_AMOUNT) {
      throw BotApiException.badRequest("total price is too big");
    }
    if (invoice.maxTipAmount() < 0 || invoice.maxTipAmount() > MAX_AMOUNT) {
      throw BotApiException.badRequest("invalid max_tip_amount of the currency specified");
    }
    for (long tip : invoice.suggestedTips()) {
      if (tip <= 0) {
        throw BotApiException.badRequest("suggested tip amount must be positive");
      }
      if (tip > invoice.maxTipAmount()) {
        throw BotApiException.badRequest(
            "suggested tip amount can't be bigger than max_tip_amount");
      }
    }
    if (invoice.suggestedTips().size() > MAX_SUGGESTED_TIPS) {
      throw BotApiException.badRequest("there can be at most 4 suggested tip amounts");
    }
    if (!invoice.currency().equals(STARS)) {
      throw BotApiException.badRequest("PAYMENT_PROVIDER_INVALID");
    }
    if (!invoice.providerToken().isEmpty()
        || invoice.prices().size() != 1
        || invoice.maxTipAmount() > 0) {
      throw BotApiException.badRequest("STARS_INVOICE_INVALID");
    }
    if (invoice.payload().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      throw BotApiException.badRequest("INVOICE_PAYLOAD_INVALID");
    }
    // Telegram documents 1-32 and 1-255 characters but not its errors; these names are guesses.
    if (length(invoice.title()) > MAX_TITLE_LENGTH) {
      throw BotApiException.badRequest("TITLE_INVALID");
    }
    if (length(invoice.description()) > MAX_DESCRIPTION_LENGTH) {
      throw BotApiException.badRequest("DESCRIPTION_INVALID");
    }
  }

  void invoiceSent(long messageId, InvoiceRequest invoice) {
    invoicesByMessageId.put(messageId, invoice);
  }

  InvoiceRequest invoiceOf(long messageId) {
    return invoicesByMessageId.get(messageId);
  }

  /** The user confirms payment of an invoice: the bot gets a pre_checkout_query. */
  PreCheckoutQuery startCheckout(
      BotState bot, ChatState chat, InvoiceRequest invoice, Instant now) {
    String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 60, Long.MAX_VALUE));
    PreCheckoutQuery query =
        new PreCheckoutQuery(
            id,
            User.human(chat.user),
            invoice.currency(),
            invoice.totalAmount(),
            invoice.payload());
    checkouts.put(
        id, new Checkout(query, chat.chat.id(), invoice, now.plus(PRE_CHECKOUT_DEADLINE)));
    bot.updates.add("pre_checkout_query", updateId -> Update.ofPreCheckoutQuery(updateId, query));
    return query;
  }

  /**
   * answerPreCheckoutQuery. An answer after the deadline, a second answer and an unknown id all get
   * the server's QUERY_ID_INVALID text; ok=true charges the user and tells the bot with a
   * successful_payment message, which is all the user sees of it.
   */
  static Object answerPreCheckoutQuery(BotState bot, BotApiRequest request) {
    String id = Long.toString(BotApiRequest.leadingInteger(request.arg("pre_checkout_query_id")));
    boolean ok = request.bool("ok");
    String errorMessage = request.arg("error_message");
    if (!ok && errorMessage.isEmpty()) {
      throw BotApiException.badRequest("parameter \"error_message\" is required");
    }
    synchronized (bot) {
      StarPayments payments = bot.payments;
      Checkout checkout = payments.checkouts.get(id);
      if (checkout == null
          || checkout.answer != null
          || bot.clock.instant().isAfter(checkout.deadline)) {
        throw BotApiException.badRequest(QUERY_INVALID);
      }
      checkout.answer = new PreCheckoutAnswer(id, ok, ok ? null : errorMessage);
      bot.changed();
      if (ok) {
        payments.charge(bot, checkout);
      }
    }
    return true;
  }

  private void charge(BotState bot, Checkout checkout) {
    String chargeId = "stx" + BotApiMethods.randomBase64Url(56);
    StarPayment payment =
        new StarPayment(
            checkout.query.from().id(),
            chargeId,
            checkout.invoice.payload(),
            checkout.invoice.totalAmount(),
            false);
    charges.put(chargeId, payment);
    SuccessfulPayment successful =
        new SuccessfulPayment(STARS, payment.totalAmount(), payment.invoicePayload(), chargeId, "");
    deliverServiceMessage(bot, checkout.chatId, successful, null);
  }

  /**
   * refundStarPayment. Telegram documents CHARGE_ALREADY_REFUNDED; for a charge it does not know
   * for this user the emulator answers CHARGE_NOT_FOUND, the error Telegram clients know for it.
   */
  static Object refundStarPayment(BotState bot, BotApiRequest request) {
    long userId = Math.max(BotApiRequest.leadingInteger(request.arg("user_id")), 0);
    if (userId == 0) {
      throw BotApiException.badRequest("invalid user_id specified");
    }
    String chargeId = required(request, "telegram_payment_charge_id");
    synchronized (bot) {
      if (!bot.chats.containsKey(userId)) {
        throw BotApiException.badRequest("USER_ID_INVALID");
      }
      StarPayments payments = bot.payments;
      StarPayment payment = payments.charges.get(chargeId);
      if (payment == null || payment.userId() != userId) {
        throw BotApiException.badRequest("CHARGE_NOT_FOUND");
      }
      if (payment.refunded()) {
        throw BotApiException.badRequest("CHARGE_ALREADY_REFUNDED");
      }
      payments.charges.put(chargeId, payment.asRefunded());
      RefundedPayment refunded =
          new RefundedPayment(STARS, payment.totalAmount(), payment.invoicePayload(), chargeId);
      payments.deliverServiceMessage(bot, userId, null, refunded);
      bot.changed();
    }
    return true;
  }

  /** A service message from the user about a payment, which bots receive as a message update. */
  private void deliverServiceMessage(
      BotState bot, long chatId, SuccessfulPayment successful, RefundedPayment refunded) {
    ChatState chat = bot.chats.get(chatId);
    Message message =
        Message.of(
                bot.nextMessageId(),
                User.human(chat.user),
                chat.chat,
                bot.clock.instant().getEpochSecond())
            .withPayment(successful, refunded);
    chat.messages.put(message.messageId(), message);
    bot.updates.add("message", updateId -> Update.ofMessage(updateId, message));
  }

  Optional<PreCheckoutAnswer> answerTo(String queryId) {
    Checkout checkout = checkouts.get(queryId);
    return checkout == null ? Optional.empty() : Optional.ofNullable(checkout.answer);
  }

  List<StarPayment> payments() {
    return List.copyOf(charges.values());
  }

  private static long labeledPriceAmount(JsonNode price) {
    String problem = "can't parse labeled price: ";
    if (!price.isObject()) {
      throw BotApiException.badRequest(problem + "LabeledPrice must be an Object");
    }
    JsonNode label = price.get("label");
    if (label == null) {
      throw BotApiException.badRequest(problem + "Can't find field \"label\"");
    }
    if (!label.isTextual() && !label.isNumber()) {
      throw BotApiException.badRequest(problem + "Field \"label\" must be of type String");
    }
    if (label.asText().isEmpty()) {
      throw BotApiException.badRequest(problem + "LabeledPrice label must be non-empty");
    }
    JsonNode amount = price.get("amount");
    if (amount == null) {
      throw BotApiException.badRequest(problem + "Can't find field \"amount\"");
    }
    if (!amount.isNumber() && !amount.isTextual()) {
      throw BotApiException.badRequest(problem + "Field \"amount\" must be a Number");
    }
    return BotApiRequest.leadingInteger(amount.asText());
  }

  private static String required(BotApiRequest request, String name) {
    String value = request.arg(name);
    if (value.isEmpty()) {
      throw BotApiException.badRequest("parameter \"" + name + "\" is required");
    }
    return value;
  }

  private static JsonNode jsonValue(String value, ObjectMapper json, String failure) {
    try {
      JsonNode parsed = json.readTree(value);
      if (parsed == null || parsed.isMissingNode()) {
        throw new IOException("no JSON value");
      }
      return parsed;
    } catch (IOException e) {
      throw BotApiException.badRequest(failure);
    }
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
