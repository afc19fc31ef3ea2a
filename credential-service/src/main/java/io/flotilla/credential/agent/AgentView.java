package io.flotilla.credential.agent;

import io.flotilla.contracts.money.Markup;
import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.bot.BotView;
import io.flotilla.credential.tenant.Tenant;
import io.flotilla.credential.tenant.TenantStatus;
import java.time.Instant;

/** An agent as the API shows it: no secret, the token masked. */
public record AgentView(
    String agentId,
    String name,
    TenantStatus status,
    Markup markup,
    Instant createdAt,
    BotView bot) {

  static AgentView of(Tenant tenant, Bot bot) {
    return new AgentView(
        tenant.id, tenant.name, tenant.status, tenant.markup(), tenant.createdAt, BotView.of(bot));
  }
}
