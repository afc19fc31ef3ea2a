package io.flotilla.ledger.maturity;

import java.time.Instant;

/** An agent's profit on one order, as the maturity job and refunds see it. */
public record ProfitLot(
    String orderId,
    String agentId,
    String currency,
    long amount,
    Instant maturesAt,
    ProfitLot.Status status) {

  public enum Status {
    PENDING,
    MATURED,
    CANCELLED,
    REVERSED;

    public String dbName() {
      return name().toLowerCase();
    }
  }
}
