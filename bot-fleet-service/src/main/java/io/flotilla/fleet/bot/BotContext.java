package io.flotilla.fleet.bot;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.outbound.BotSender;

/** What a handler knows about the bot an update arrived at. */
public record BotContext(
    String tenantId, TenantKind tenantKind, String shopName, long botId, BotSender sender) {}
