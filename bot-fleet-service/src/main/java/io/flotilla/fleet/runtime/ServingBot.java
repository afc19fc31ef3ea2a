package io.flotilla.fleet.runtime;

import io.flotilla.contracts.events.TenantKind;

/** A bot the credential service says should be running. */
public record ServingBot(String tenantId, TenantKind tenantKind, long botId) {}
