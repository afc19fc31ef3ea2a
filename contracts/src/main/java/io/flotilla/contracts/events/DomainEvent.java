package io.flotilla.contracts.events;

/**
 * A past-tense fact published by one service. Every event names the tenant whose data changed and
 * the aggregate it belongs to; the aggregate id is the Kafka record key, so the events of one
 * aggregate stay in order on one partition.
 */
public sealed interface DomainEvent
    permits AgentCreated,
        AgentOwnersChanged,
        AgentPaused,
        AgentPricingChanged,
        AgentResumed,
        BotActivated,
        BotFailed,
        BotRateLimitChanged,
        BotRegistered,
        BotRemoved,
        BotSuspended,
        OrderPlaced,
        OrderRefunded,
        PlatformAdminsChanged,
        ProfitMatured,
        TopUpCredited,
        WithdrawalApproved,
        WithdrawalPaid,
        WithdrawalRejected,
        WithdrawalRequested {

  /** The tenant (master, agent id or user id) whose data this event is about. */
  String tenantId();

  /** The id of the aggregate that changed; used as the Kafka record key. */
  String aggregateId();
}
