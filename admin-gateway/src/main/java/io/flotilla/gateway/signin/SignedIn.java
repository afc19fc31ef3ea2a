package io.flotilla.gateway.signin;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A person signed in: who they are, the tenant their own bot belongs to, their role, and the CSRF
 * token every write made with the session cookie must carry in {@code X-CSRF-Token}.
 */
public record SignedIn(
    @Schema(required = true) String userId,
    @Schema(required = true) long telegramId,
    @Schema(required = true) String tenantId,
    @Schema(
            required = true,
            enumeration = {"admin", "user"})
        String role,
    @Schema(required = true) String csrfToken,
    @Schema(required = true) Instant expiresAt) {}
