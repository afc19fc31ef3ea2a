package io.flotilla.credential.bot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an admin suspends a bot (or pauses an agent); shown to other admins and in events. */
public record StatusChange(@NotBlank @Size(max = 500) String reason) {}
