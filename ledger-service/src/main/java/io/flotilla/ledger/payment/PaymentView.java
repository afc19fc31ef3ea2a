package io.flotilla.ledger.payment;

import java.time.Instant;
import java.util.UUID;

/** A payment as it stands now: {@code paid} or {@code refunded}. */
public record PaymentView(
    UUID paymentId,
    String orderId,
    String status,
    String tenantId,
    String soldBy,
    long customerId,
    int quantity,
    long baseUnitPrice,
    long agentUnitPrice,
    long markupPerUnit,
    long amount,
    String currency,
    Instant paidAt,
    Instant maturesAt,
    long walletBalanceAfter,
    Instant refundedAt) {

  public PaymentResult firstResult() {
    return new PaymentResult(
        paymentId, orderId, "paid", amount, currency, paidAt, maturesAt, walletBalanceAfter);
  }

  boolean sameOrder(PaymentRequest request, String requestCurrency) {
    return tenantId.equals(request.tenantId())
        && soldBy.equals(request.soldBy())
        && customerId == request.customerId()
        && quantity == request.quantity()
        && baseUnitPrice == request.baseUnitPrice()
        && agentUnitPrice == request.agentUnitPrice()
        && markupPerUnit == request.markupPerUnit()
        && currency.equals(requestCurrency);
  }
}
