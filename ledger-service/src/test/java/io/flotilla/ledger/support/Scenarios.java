package io.flotilla.ledger.support;

import static io.flotilla.ledger.support.LedgerApi.admin;
import static io.flotilla.ledger.support.LedgerApi.pay;
import static io.flotilla.ledger.support.LedgerApi.payment;
import static io.flotilla.ledger.support.LedgerApi.topUp;

import io.flotilla.ledger.maturity.MaturityJob;
import java.time.Duration;
import java.util.Map;

/** Ways to bring an agent to a known state through the API and the maturity job. */
public final class Scenarios {

  private Scenarios() {}

  /** Sets an agent's holding window, minimum withdrawal and payout address. */
  public static void settings(String agentId, long holdingSeconds, long minimum, String address) {
    admin()
        .body(
            Map.of(
                "holding_window_seconds", holdingSeconds,
                "min_withdrawal", minimum,
                "payout_address", address))
        .put("/internal/agents/" + agentId + "/settings")
        .then()
        .statusCode(200);
  }

  /**
   * Gives an agent {@code profit} of available balance: one sale with that markup to a fresh
   * customer, matured at once (one-second window, clock moved on).
   */
  public static String availableProfit(
      String agentId, long profit, String currency, TestClock clock, MaturityJob maturity) {
    long customer = Ids.customer();
    topUp(agentId, customer, profit + 100, currency);
    String order = Ids.order();
    pay(payment(order, agentId, agentId, customer, 1, 100, profit, currency))
        .then()
        .statusCode(201);
    clock.advance(Duration.ofSeconds(2));
    maturity.matureDue().await().atMost(Duration.ofSeconds(60));
    return order;
  }
}
