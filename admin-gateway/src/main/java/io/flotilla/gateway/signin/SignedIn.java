package io.flotilla.gateway.signin;

import java.time.Instant;

/**
 * A person signed in: who they are, the tenant their own bot belongs to, their role, and the CSRF
 * token every write made with the session cookie must carry in {@code X-CSRF-Token}.
 */
public record SignedIn(
    String userId,
    long telegramId,
    String tenantId,
    String role,
    String csrfToken,
    Instant expiresAt) {}
