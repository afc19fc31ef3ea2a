package io.flotilla.contracts.events;

/** An agent asked to withdraw; the amount is held. */
public record WithdrawalRequested(
    String tenantId, String withdrawalId, long amount, String currency, String payoutAddress)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return withdrawalId;
  }
}
