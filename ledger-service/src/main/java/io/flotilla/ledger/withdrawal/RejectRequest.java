package io.flotilla.ledger.withdrawal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an admin rejects a withdrawal; the agent is told. */
public record RejectRequest(@NotBlank @Size(max = 500) String reason) {}
