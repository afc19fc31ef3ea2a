package io.flotilla.gateway.me;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A personal API token just made: the only time the token itself is shown. */
public record CreatedToken(
    String id, @Schema(nullable = true) String name, String token, Instant createdAt) {}
