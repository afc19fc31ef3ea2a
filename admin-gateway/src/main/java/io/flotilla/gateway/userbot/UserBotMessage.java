package io.flotilla.gateway.userbot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A message the person sends through their bot to one of its chats. */
public record UserBotMessage(@NotNull Long chatId, @NotBlank @Size(max = 4096) String text) {}
