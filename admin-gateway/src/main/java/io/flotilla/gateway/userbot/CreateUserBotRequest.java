package io.flotilla.gateway.userbot;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A person's own bot: its BotFather token and, optionally, their MTProto account from
 * my.telegram.org (api id and hash together; a phone needs both). The credential service checks the
 * shapes and the token (getMe) and keeps them encrypted.
 */
public record CreateUserBotRequest(
    @NotBlank @Size(max = 200) String botToken,
    @Positive @Max(Integer.MAX_VALUE) Integer telegramApiId,
    @Size(max = 64) String telegramApiHash,
    @Size(max = 32) String telegramPhone) {

  @Override
  public String toString() {
    return "CreateUserBotRequest[bot_token=***, telegram_api_id="
        + telegramApiId
        + ", telegram_api_hash=***, telegram_phone=***]";
  }
}
