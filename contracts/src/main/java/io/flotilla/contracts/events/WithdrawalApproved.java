package io.flotilla.contracts.events;

/** An admin approved a withdrawal; it awaits payment. */
public record WithdrawalApproved(String tenantId, String withdrawalId, String adminId)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return withdrawalId;
  }
}
