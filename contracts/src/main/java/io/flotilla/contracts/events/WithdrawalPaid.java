package io.flotilla.contracts.events;

/** A withdrawal was paid out with a transaction id. */
public record WithdrawalPaid(
    String tenantId, String withdrawalId, long amount, String currency, String txid)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return withdrawalId;
  }
}
