package io.flotilla.credential.bot;

import io.flotilla.contracts.events.TenantKind;

/** A bot the fleet should be running. */
public record ServingBot(String tenantId, TenantKind tenantKind, long botId) {}
