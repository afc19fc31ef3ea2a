package io.flotilla.credential.agent;

import io.flotilla.contracts.money.Markup;
import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.bot.BotView;
import io.flotilla.credential.tenant.Tenant;
import io.flotilla.credential.tenant.TenantStatus;
import java.time.Instant;
import java.util.List;

/**
 * An agent as the API shows it: no secret, the token masked; pricing bounds as they apply; the
 * Telegram user ids of its owners, ascending.
 */
public record AgentView(
    String agentId,
    String name,
    TenantStatus status,
    String statusReason,
    Markup markup,
    long maxPercentBasisPoints,
    long maxFixedMinor,
    String payoutAddress,
    long minimumWithdrawal,
    Long holdingWindowSeconds,
    Instant createdAt,
    Instant updatedAt,
    List<Long> ownerTelegramIds,
    BotView bot) {

  static AgentView of(Tenant tenant, Bot bot, List<Long> owners, AgentDefaults defaults) {
    return new AgentView(
        tenant.id,
        tenant.name,
        tenant.status,
        tenant.statusReason,
        tenant.markup(),
        maxPercent(tenant, defaults),
        maxFixed(tenant, defaults),
        tenant.payoutAddress,
        tenant.minimumWithdrawal,
        tenant.holdingWindowSeconds,
        tenant.createdAt,
        tenant.updatedAt,
        owners,
        bot == null ? null : BotView.of(bot, tenant.kind));
  }

  static long maxPercent(Tenant tenant, AgentDefaults defaults) {
    return tenant.maxPercentBasisPoints != null
        ? tenant.maxPercentBasisPoints
        : defaults.maxPercentBasisPoints();
  }

  static long maxFixed(Tenant tenant, AgentDefaults defaults) {
    return tenant.maxFixedMinor != null ? tenant.maxFixedMinor : defaults.maxFixedMinor();
  }
}
