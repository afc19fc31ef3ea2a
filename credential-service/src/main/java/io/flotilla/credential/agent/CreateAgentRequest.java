package io.flotilla.credential.agent;

import io.flotilla.contracts.money.Markup;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An admin's request to create a reseller with its clone bot and, optionally, the Telegram users
 * who run it.
 */
public record CreateAgentRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(
            regexp = "[a-z0-9][a-z0-9_-]*",
            message = "must be lowercase letters, digits, _ or -")
        String agentId,
    @NotBlank
        @Size(max = 128)
        @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
        String name,
    @NotBlank @Size(max = 200) String botToken,
    Markup markup,
    @Size(max = OwnersChange.MAX_OWNERS) List<@NotNull @Positive Long> ownerTelegramIds) {

  @Override
  public String toString() {
    return "CreateAgentRequest[" + agentId + ", " + name + ", bot_token=***]";
  }
}
