package io.flotilla.ledger.withdrawal;

import com.fasterxml.jackson.annotation.JsonValue;

/** requested → approved → paid, or requested/approved → rejected. */
public enum WithdrawalStatus {
  REQUESTED,
  APPROVED,
  REJECTED,
  PAID;

  @JsonValue
  public String dbName() {
    return name().toLowerCase();
  }

  public static WithdrawalStatus fromDb(String name) {
    return valueOf(name.toUpperCase());
  }
}
