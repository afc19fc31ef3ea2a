package io.flotilla.contracts.events;

import java.util.List;

/**
 * The platform admins changed: the Telegram user ids allowed to run admin commands in the master
 * bot, the full effective list (configured and added), ascending. The platform is not a tenant of
 * its own; its admins run the master shop, hence tenant {@value #TENANT_ID}, and every such event
 * shares aggregate {@value #AGGREGATE_ID}, so they stay in order on one partition.
 */
public record PlatformAdminsChanged(List<Long> telegramIds) implements DomainEvent {

  public static final String TENANT_ID = "master";
  public static final String AGGREGATE_ID = "platform";

  public PlatformAdminsChanged {
    telegramIds = List.copyOf(telegramIds);
  }

  @Override
  public String tenantId() {
    return TENANT_ID;
  }

  @Override
  public String aggregateId() {
    return AGGREGATE_ID;
  }
}
