package io.flotilla.gateway.me;

import java.time.Instant;

/** A personal API token just made: the only time the token itself is shown. */
public record CreatedToken(String id, String name, String token, Instant createdAt) {}
