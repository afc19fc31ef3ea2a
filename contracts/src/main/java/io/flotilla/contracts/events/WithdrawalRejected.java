package io.flotilla.contracts.events;

/** An admin rejected a withdrawal; the hold was released. */
public record WithdrawalRejected(
    String tenantId, String withdrawalId, String adminId, String reason) implements DomainEvent {

  @Override
  public String aggregateId() {
    return withdrawalId;
  }
}
