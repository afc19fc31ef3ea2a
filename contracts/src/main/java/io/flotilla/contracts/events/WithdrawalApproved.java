package io.flotilla.contracts.events;

/** An admin approved a withdrawal; it awaits payment. The amount stays held. */
public record WithdrawalApproved(
    String tenantId, String withdrawalId, String adminId, long amount, String currency)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return withdrawalId;
  }
}
