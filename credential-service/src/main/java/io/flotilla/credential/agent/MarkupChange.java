package io.flotilla.credential.agent;

import io.flotilla.contracts.money.Markup;
import jakarta.validation.constraints.NotNull;

/** An agent sets their own markup, within the bounds an admin gave them. */
public record MarkupChange(@NotNull Markup markup) {}
