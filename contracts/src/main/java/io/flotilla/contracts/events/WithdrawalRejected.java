package io.flotilla.contracts.events;

/** An admin rejected a withdrawal; the held amount went back to the agent's available balance. */
public record WithdrawalRejected(
    String tenantId,
    String withdrawalId,
    String adminId,
    String reason,
    long amount,
    String currency)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return withdrawalId;
  }
}
