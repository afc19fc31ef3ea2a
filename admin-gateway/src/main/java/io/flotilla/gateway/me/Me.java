package io.flotilla.gateway.me;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The person calling: their ids and roles. */
public record Me(
    @Schema(required = true) String userId,
    @Schema(required = true) long telegramId,
    @Schema(required = true) String tenantId,
    @Schema(required = true) List<String> roles) {}
