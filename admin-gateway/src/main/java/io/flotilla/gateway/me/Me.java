package io.flotilla.gateway.me;

import java.util.List;

/** The person calling: their ids and roles. */
public record Me(String userId, long telegramId, String tenantId, List<String> roles) {}
