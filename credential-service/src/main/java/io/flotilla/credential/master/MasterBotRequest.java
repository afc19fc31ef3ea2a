package io.flotilla.credential.master;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The master shop bot's token, from BotFather. */
public record MasterBotRequest(@NotBlank @Size(max = 200) String botToken) {

  @Override
  public String toString() {
    return "MasterBotRequest[bot_token=***]";
  }
}
