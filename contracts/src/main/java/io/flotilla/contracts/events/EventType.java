package io.flotilla.contracts.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type with its payload record and its topic; the type name is the record's name. */
public enum EventType {
  BOT_REGISTERED(BotRegistered.class, Topics.TENANTS),
  BOT_ACTIVATED(BotActivated.class, Topics.TENANTS),
  BOT_SUSPENDED(BotSuspended.class, Topics.TENANTS),
  BOT_REMOVED(BotRemoved.class, Topics.TENANTS),
  BOT_FAILED(BotFailed.class, Topics.TENANTS),
  BOT_RATE_LIMIT_CHANGED(BotRateLimitChanged.class, Topics.TENANTS),
  AGENT_CREATED(AgentCreated.class, Topics.TENANTS),
  AGENT_PAUSED(AgentPaused.class, Topics.TENANTS),
  AGENT_RESUMED(AgentResumed.class, Topics.TENANTS),
  AGENT_PRICING_CHANGED(AgentPricingChanged.class, Topics.TENANTS),
  AGENT_OWNERS_CHANGED(AgentOwnersChanged.class, Topics.TENANTS),
  PLATFORM_ADMINS_CHANGED(PlatformAdminsChanged.class, Topics.TENANTS),
  ORDER_PLACED(OrderPlaced.class, Topics.ORDERS),
  ORDER_REFUNDED(OrderRefunded.class, Topics.ORDERS),
  PROFIT_MATURED(ProfitMatured.class, Topics.LEDGER),
  TOP_UP_CREDITED(TopUpCredited.class, Topics.LEDGER),
  WITHDRAWAL_REQUESTED(WithdrawalRequested.class, Topics.LEDGER),
  WITHDRAWAL_APPROVED(WithdrawalApproved.class, Topics.LEDGER),
  WITHDRAWAL_REJECTED(WithdrawalRejected.class, Topics.LEDGER),
  WITHDRAWAL_PAID(WithdrawalPaid.class, Topics.LEDGER);

  private static final Map<String, EventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(EventType::typeName, Function.identity()));

  private final Class<? extends DomainEvent> payloadType;
  private final String topic;

  EventType(Class<? extends DomainEvent> payloadType, String topic) {
    this.payloadType = payloadType;
    this.topic = topic;
  }

  /** The name carried in the envelope's {@code type} field, e.g. {@code AgentCreated}. */
  public String typeName() {
    return payloadType.getSimpleName();
  }

  public Class<? extends DomainEvent> payloadType() {
    return payloadType;
  }

  public String topic() {
    return topic;
  }

  public static EventType of(DomainEvent event) {
    return BY_NAME.get(event.getClass().getSimpleName());
  }

  public static Optional<EventType> byName(String typeName) {
    return Optional.ofNullable(BY_NAME.get(typeName));
  }
}
