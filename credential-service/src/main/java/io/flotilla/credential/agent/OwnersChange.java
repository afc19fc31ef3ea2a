package io.flotilla.credential.agent;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An admin sets who runs an agent: the Telegram user ids, replacing the previous ones. */
public record OwnersChange(
    @NotNull @Size(max = MAX_OWNERS) List<@NotNull @Positive Long> ownerTelegramIds) {

  /** Owners an admin may name in one request. */
  public static final int MAX_OWNERS = 100;
}
