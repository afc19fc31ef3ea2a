package io.flotilla.gateway.me;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A personal API token just made: the only time the token itself is shown. */
public record CreatedToken(
    @Schema(required = true) String id,
    @Schema(nullable = true) String name,
    @Schema(required = true, description = "Shown only this once") String token,
    @Schema(required = true) Instant createdAt) {}
