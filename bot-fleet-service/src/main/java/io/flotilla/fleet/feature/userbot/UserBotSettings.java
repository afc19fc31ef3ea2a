package io.flotilla.fleet.feature.userbot;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * What a user's own bot says: the welcome for {@code /start} (null: the platform's default) and the
 * owner's command → reply pairs.
 */
public record UserBotSettings(
    @Size(max = 4096) String welcomeText,
    @NotNull @Size(max = 100) List<@Valid @NotNull CommandReply> commands) {

  public static final UserBotSettings DEFAULT = new UserBotSettings(null, List.of());

  /** One command the bot answers with a fixed text. */
  public record CommandReply(
      @NotNull @Pattern(regexp = "[a-z0-9_]{1,32}", message = "must be 1-32 of a-z, 0-9, _")
          String command,
      @NotBlank @Size(max = 4096) String reply) {}

  public Optional<String> replyTo(String command) {
    return commands.stream()
        .filter(c -> c.command().equals(command))
        .map(CommandReply::reply)
        .findFirst();
  }
}
