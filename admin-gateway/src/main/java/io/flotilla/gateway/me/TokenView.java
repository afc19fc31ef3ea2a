package io.flotilla.gateway.me;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A personal API token as listed: never the token itself. */
public record TokenView(
    @Schema(required = true) String id,
    @Schema(nullable = true) String name,
    @Schema(required = true) Instant createdAt,
    @Schema(nullable = true) Instant revokedAt) {}
