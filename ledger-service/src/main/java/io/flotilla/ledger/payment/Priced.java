package io.flotilla.ledger.payment;

import io.flotilla.platform.problem.ProblemException;

/** The totals of an order: what the customer pays, the platform's base and the agent's markup. */
public record Priced(long amount, long baseTotal, long markupTotal, String currency) {

  /**
   * @throws ProblemException 400 when the unit prices do not add up, a master sale has markup, or a
   *     total does not fit in 64 bits
   */
  static Priced of(PaymentRequest request, String currency) {
    if (!request.soldByAgent() && request.markupPerUnit() != 0) {
      throw ProblemException.invalidField(
          "markup_per_unit", "must be 0 for a sale by " + PaymentRequest.MASTER);
    }
    try {
      if (request.agentUnitPrice()
          != Math.addExact(request.baseUnitPrice(), request.markupPerUnit())) {
        throw ProblemException.invalidField(
            "agent_unit_price", "must equal base_unit_price + markup_per_unit");
      }
      return new Priced(
          Math.multiplyExact(request.agentUnitPrice(), request.quantity()),
          Math.multiplyExact(request.baseUnitPrice(), request.quantity()),
          Math.multiplyExact(request.markupPerUnit(), request.quantity()),
          currency);
    } catch (ArithmeticException overflow) {
      throw ProblemException.invalidField("quantity", "the order total is too large");
    }
  }
}
