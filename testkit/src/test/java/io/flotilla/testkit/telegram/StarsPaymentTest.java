package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiClient.Answer;
import io.flotilla.testkit.telegram.BotApiTypes.PreCheckoutQuery;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StarsPaymentTest {
  private static final TelegramUser BOB = new TelegramUser(9501, "Bob", "bob", "de");
  private static final TelegramUser ALICE = new TelegramUser(9502, "Alice", "alice", "en");
  private static final String QUERY_INVALID =
      "Bad Request: query is too old and response timeout expired or query ID is invalid";
  private static TelegramBotApiEmulator emulator;
  private static BotApiClient client;

  @BeforeAll
  static void start() {
    emulator = TelegramBotApiEmulator.start(0);
    client = new BotApiClient(emulator.baseUrl());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void aUserPaysAnInvoiceInStarsAndTheBotLearnsOfTheSuccessfulPayment() {
    String token = emulator.registerBot("stars_shop_bot").token();
    emulator.userSendsText(token, BOB, "/buy");

    JsonNode invoiceMessage = sendInvoice(token, BOB, Map.of()).result();
    long invoiceId = invoiceMessage.get("message_id").asLong();
    SentMessage shown = emulator.lastMessageTo(token, BOB.id());
    PreCheckoutQuery query = emulator.userPaysInvoice(token, BOB, invoiceId);
    JsonNode preCheckout = lastUpdate(token).get("pre_checkout_query");
    Answer accepted = answer(token, query.id(), true, null);
    JsonNode payment = lastUpdate(token).get("message");

    assertThat(invoiceMessage.get("invoice").toString())
        .isEqualTo(
            "{\"title\":\"10 codes\",\"description\":\"Ten gift codes\",\"start_parameter\":\"\","
                + "\"currency\":\"XTR\",\"total_amount\":50}");
    assertThat(invoiceMessage.has("text")).isFalse();
    assertThat(shown.text()).isEqualTo("10 codes\nTen gift codes");
    assertThat(shown.buttons()).containsExactly(new InlineButton("Pay ⭐50", null, null, true));
    assertThat(preCheckout.get("id").asText()).isEqualTo(query.id());
    assertThat(preCheckout.at("/from/id").asLong()).isEqualTo(BOB.id());
    assertThat(preCheckout.get("currency").asText()).isEqualTo("XTR");
    assertThat(preCheckout.get("total_amount").asLong()).isEqualTo(50);
    assertThat(preCheckout.get("invoice_payload").asText()).isEqualTo("order:42");
    assertThat(accepted.result().asBoolean()).isTrue();
    assertThat(emulator.awaitPreCheckoutAnswer(token, query.id(), Duration.ofSeconds(1)))
        .isEqualTo(new PreCheckoutAnswer(query.id(), true, null));
    assertThat(payment.at("/from/id").asLong()).isEqualTo(BOB.id());
    assertThat(payment.at("/chat/id").asLong()).isEqualTo(BOB.id());
    JsonNode successful = payment.get("successful_payment");
    assertThat(successful.get("currency").asText()).isEqualTo("XTR");
    assertThat(successful.get("total_amount").asLong()).isEqualTo(50);
    assertThat(successful.get("invoice_payload").asText()).isEqualTo("order:42");
    assertThat(successful.get("telegram_payment_charge_id").asText()).isNotBlank();
    assertThat(successful.has("provider_payment_charge_id")).isTrue();
    assertThat(emulator.starPayments(token))
        .containsExactly(
            new StarPayment(
                BOB.id(),
                successful.get("telegram_payment_charge_id").asText(),
                "order:42",
                50,
                false));
    assertThat(emulator.visibleMessages(token, BOB.id())).hasSize(1);
    assertThat(answer(token, query.id(), true, null).description()).isEqualTo(QUERY_INVALID);
  }

  @Test
  void aRefusedCheckoutChargesNothing() {
    String token = emulator.registerBot("refusing_shop_bot").token();
    emulator.userSendsText(token, BOB, "/buy");
    long invoiceId = sendInvoice(token, BOB, Map.of()).result().get("message_id").asLong();
    PreCheckoutQuery query = emulator.userPaysInvoice(token, BOB, invoiceId);

    Answer withoutReason = answer(token, query.id(), false, null);
    Answer refused = answer(token, query.id(), false, "Sold out, sorry");

    assertThat(withoutReason.description())
        .isEqualTo("Bad Request: parameter \"error_message\" is required");
    assertThat(refused.result().asBoolean()).isTrue();
    assertThat(emulator.preCheckoutAnswer(token, query.id()))
        .contains(new PreCheckoutAnswer(query.id(), false, "Sold out, sorry"));
    assertThat(emulator.starPayments(token)).isEmpty();
    assertThat(emulator.updatesCreated(token))
        .extracting(BotApiTypes.Update::typeOf)
        .containsExactly("message", "pre_checkout_query");
  }

  @Test
  void anAnswerAfterTenSecondsComesTooLateAndThePaymentFails() {
    String token = emulator.registerBot("slow_shop_bot").token();
    emulator.userSendsText(token, BOB, "/buy");
    long invoiceId = sendInvoice(token, BOB, Map.of()).result().get("message_id").asLong();
    PreCheckoutQuery query = emulator.userPaysInvoice(token, BOB, invoiceId);
    emulator.advanceClock(Duration.ofSeconds(11));

    Answer late = answer(token, query.id(), true, null);

    assertThat(late.description()).isEqualTo(QUERY_INVALID);
    assertThat(emulator.preCheckoutAnswer(token, query.id())).isEmpty();
    assertThat(emulator.starPayments(token)).isEmpty();
    assertThat(answer(token, "12345", true, null).description()).isEqualTo(QUERY_INVALID);
  }

  @Test
  void paymentsHaveTheirOwnChargeIdsAndAreRefundedOnce() {
    String token = emulator.registerBot("refunding_shop_bot").token();
    emulator.userSendsText(token, ALICE, "hi");
    emulator.userSendsText(token, BOB, "/buy");
    long invoiceId = sendInvoice(token, BOB, Map.of()).result().get("message_id").asLong();
    answer(token, emulator.userPaysInvoice(token, BOB, invoiceId).id(), true, null);
    answer(token, emulator.userPaysInvoice(token, BOB, invoiceId).id(), true, null);
    String first = emulator.starPayments(token).get(0).telegramPaymentChargeId();
    String second = emulator.starPayments(token).get(1).telegramPaymentChargeId();

    Answer refunded = refund(token, BOB.id(), first);
    JsonNode notice = lastUpdate(token).get("message");
    Answer twice = refund(token, BOB.id(), first);

    assertThat(first).isNotEqualTo(second);
    assertThat(refunded.result().asBoolean()).isTrue();
    assertThat(notice.at("/from/id").asLong()).isEqualTo(BOB.id());
    assertThat(notice.get("refunded_payment").toString())
        .isEqualTo(
            "{\"currency\":\"XTR\",\"total_amount\":50,\"invoice_payload\":\"order:42\","
                + "\"telegram_payment_charge_id\":\""
                + first
                + "\"}");
    assertThat(twice.description()).isEqualTo("Bad Request: CHARGE_ALREADY_REFUNDED");
    assertThat(refund(token, ALICE.id(), second).description())
        .isEqualTo("Bad Request: CHARGE_NOT_FOUND");
    assertThat(refund(token, BOB.id(), "stxUnknown").description())
        .isEqualTo("Bad Request: CHARGE_NOT_FOUND");
    assertThat(refund(token, 777_777, second).description())
        .isEqualTo("Bad Request: USER_ID_INVALID");
    assertThat(
            client
                .form(token, "refundStarPayment", Map.of("telegram_payment_charge_id", second))
                .description())
        .isEqualTo("Bad Request: invalid user_id specified");
    assertThat(client.form(token, "refundStarPayment", Map.of("user_id", BOB.id())).description())
        .isEqualTo("Bad Request: parameter \"telegram_payment_charge_id\" is required");
    assertThat(emulator.starPayments(token))
        .extracting(StarPayment::refunded)
        .containsExactly(true, false);
  }

  @Test
  void invoicesAreCheckedInTheServersOrder() {
    String token = emulator.registerBot("checked_invoice_bot").token();
    emulator.userSendsText(token, BOB, "/buy");

    assertThat(rejection(token, Map.of("title", "")))
        .isEqualTo("Bad Request: parameter \"title\" is required");
    assertThat(rejection(token, Map.of("prices", "")))
        .isEqualTo("Bad Request: parameter \"prices\" is required");
    assertThat(rejection(token, Map.of("prices", "[]")))
        .isEqualTo("Bad Request: there must be at least one price");
    assertThat(rejection(token, Map.of("prices", "cheap")))
        .isEqualTo("Bad Request: can't parse prices JSON object");
    assertThat(rejection(token, Map.of("prices", "[{\"amount\":5}]")))
        .isEqualTo("Bad Request: can't parse labeled price: Can't find field \"label\"");
    assertThat(rejection(token, Map.of("currency", "USD", "chat_id", "424242")))
        .isEqualTo("Bad Request: chat not found");
    assertThat(rejection(token, Map.of("prices", "[{\"label\":\"Free\",\"amount\":0}]")))
        .isEqualTo("Bad Request: total price must be positive");
    assertThat(rejection(token, Map.of("currency", "USD")))
        .isEqualTo("Bad Request: PAYMENT_PROVIDER_INVALID");
    assertThat(
            rejection(
                token,
                Map.of(
                    "prices",
                    "[{\"label\":\"Codes\",\"amount\":40},{\"label\":\"Fee\",\"amount\":10}]")))
        .isEqualTo("Bad Request: STARS_INVOICE_INVALID");
    assertThat(rejection(token, Map.of("provider_token", "284685063:TEST:abc")))
        .isEqualTo("Bad Request: STARS_INVOICE_INVALID");
    assertThat(rejection(token, Map.of("max_tip_amount", "5")))
        .isEqualTo("Bad Request: STARS_INVOICE_INVALID");
    assertThat(rejection(token, Map.of("payload", "p".repeat(129))))
        .isEqualTo("Bad Request: INVOICE_PAYLOAD_INVALID");
    assertThat(rejection(token, Map.of("title", "t".repeat(33))))
        .isEqualTo("Bad Request: TITLE_INVALID");
    assertThat(rejection(token, Map.of("description", "d".repeat(256))))
        .isEqualTo("Bad Request: DESCRIPTION_INVALID");
    assertThat(
            rejection(
                token,
                Map.of(
                    "reply_markup",
                    "{\"inline_keyboard\":[[{\"text\":\"Help\",\"callback_data\":\"help\"}]]}")))
        .isEqualTo("Bad Request: REPLY_MARKUP_BUY_EMPTY");
    assertThat(emulator.visibleMessages(token, BOB.id())).isEmpty();
  }

  @Test
  void anInvoiceMayCarryItsOwnKeyboardStartingWithThePayButton() {
    String token = emulator.registerBot("keyboard_invoice_bot").token();
    emulator.userSendsText(token, BOB, "/buy");
    String keyboard =
        "{\"inline_keyboard\":[[{\"text\":\"Pay 50 XTR\",\"pay\":true}],"
            + "[{\"text\":\"Cancel\",\"callback_data\":\"cancel\"}]]}";

    JsonNode message = sendInvoice(token, BOB, Map.of("reply_markup", keyboard)).result();

    assertThat(message.get("reply_markup").toString()).isEqualTo(keyboard);
    assertThat(emulator.lastMessageTo(token, BOB.id()).buttonLabels())
        .containsExactly("Pay 50 XTR", "Cancel");
    assertThat(emulator.userPressesButtonLabelled(token, BOB, "Cancel").data()).isEqualTo("cancel");
    assertThatThrownBy(() -> emulator.userPaysInvoice(token, BOB, 424242))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String rejection(String token, Map<String, String> overrides) {
    Answer answer = sendInvoice(token, BOB, overrides);
    assertThat(answer.status()).isEqualTo(400);
    return answer.description();
  }

  private static Answer sendInvoice(
      String token, TelegramUser user, Map<String, String> overrides) {
    Map<String, Object> params = new HashMap<>();
    params.put("chat_id", Long.toString(user.id()));
    params.put("title", "10 codes");
    params.put("description", "Ten gift codes");
    params.put("payload", "order:42");
    params.put("currency", "XTR");
    params.put("prices", "[{\"label\":\"10 codes\",\"amount\":50}]");
    params.putAll(overrides);
    return client.form(token, "sendInvoice", params);
  }

  private static Answer answer(String token, String queryId, boolean ok, String errorMessage) {
    Map<String, Object> params = new HashMap<>();
    params.put("pre_checkout_query_id", queryId);
    params.put("ok", ok);
    if (errorMessage != null) {
      params.put("error_message", errorMessage);
    }
    return client.form(token, "answerPreCheckoutQuery", params);
  }

  private static Answer refund(String token, long userId, String chargeId) {
    return client.form(
        token,
        "refundStarPayment",
        Map.of("user_id", userId, "telegram_payment_charge_id", chargeId));
  }

  /** The newest update, through getUpdates with offset -1, which keeps only the last one. */
  private static JsonNode lastUpdate(String token) {
    return client.form(token, "getUpdates", Map.of("offset", -1)).result().get(0);
  }
}
