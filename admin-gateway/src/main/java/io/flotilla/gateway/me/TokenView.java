package io.flotilla.gateway.me;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A personal API token as listed: never the token itself. */
public record TokenView(
    String id,
    @Schema(nullable = true) String name,
    Instant createdAt,
    @Schema(nullable = true) Instant revokedAt) {}
