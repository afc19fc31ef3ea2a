package io.flotilla.credential.claim;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * A Telegram user opened a claim link in an agent's bot. The bot names its own agent: a code made
 * for another agent is not found.
 */
public record RedeemClaimRequest(
    @NotBlank @Pattern(regexp = ClaimCode.SHAPE, message = "is not a claim code") String code,
    @NotNull @Positive Long telegramUserId,
    @NotBlank
        @Pattern(
            regexp = "[a-z0-9][a-z0-9_-]{0,63}",
            message = "must be lowercase letters, digits, _ or -")
        String agentId) {

  @Override
  public String toString() {
    return "RedeemClaimRequest[" + agentId + ", " + telegramUserId + ", code=***]";
  }
}
