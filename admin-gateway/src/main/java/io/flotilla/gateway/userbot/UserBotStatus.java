package io.flotilla.gateway.userbot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A person's bot: {@code {"has_bot": false}} and nothing else when they have none; otherwise its
 * id, username, status and limits, never its token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserBotStatus(
    @Schema(required = true) boolean hasBot,
    Long botId,
    String botUsername,
    String status,
    String statusReason,
    Integer rateLimitRps,
    Integer maxConcurrentRequests,
    Boolean mtproto,
    Instant createdAt) {

  static UserBotStatus none() {
    return new UserBotStatus(false, null, null, null, null, null, null, null, null);
  }
}
