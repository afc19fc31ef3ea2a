package io.flotilla.inventory.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/** The ledger's answers to a batch of payments, in the order they were asked. */
public record PaymentBatchAnswer(List<Item> results) {

  /**
   * One payment's answer: the status its own call would have had, with the payment (200, 201) or
   * the problem+json body.
   */
  public record Item(UUID orderId, int status, Payment payment, JsonNode problem) {}
}
