package io.flotilla.credential.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A platform user brings their own bot and, optionally, their own MTProto account. api_id and
 * api_hash come together (from my.telegram.org); a phone needs them.
 */
public record RegisterUserBotRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be letters, digits, _ or -")
        String userId,
    @NotBlank @Size(max = 200) String botToken,
    @Min(1) @Max(Integer.MAX_VALUE) Integer apiId,
    @Pattern(regexp = "[0-9a-f]{32}", message = "must be 32 lowercase hex digits") String apiHash,
    @Pattern(
            regexp = "\\+[1-9][0-9]{6,14}",
            message = "must be an international number like +4915112345678")
        String phone) {

  public boolean hasMtproto() {
    return apiId != null;
  }

  @Override
  public String toString() {
    return "RegisterUserBotRequest["
        + userId
        + ", api_id="
        + apiId
        + ", bot_token=***, api_hash=***, phone=***]";
  }
}
