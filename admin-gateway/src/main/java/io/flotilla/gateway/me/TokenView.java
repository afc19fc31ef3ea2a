package io.flotilla.gateway.me;

import java.time.Instant;

/** A personal API token as listed: never the token itself. */
public record TokenView(String id, String name, Instant createdAt, Instant revokedAt) {}
