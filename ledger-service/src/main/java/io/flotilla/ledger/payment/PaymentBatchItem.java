package io.flotilla.ledger.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One payment's answer within a batch: the status its own call would have had (201 paid now, 200
 * paid before, or the problem's status) with the payment, or with the problem+json body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentBatchItem(
    String orderId, int status, PaymentResult payment, Map<String, Object> problem) {}
