package io.flotilla.fleet.bot;

import io.smallrye.mutiny.Uni;

/** Answers one update. Short: read the context, call a service, render a text from a bundle. */
@FunctionalInterface
public interface Handler {
  Uni<Void> handle(Ctx ctx);

  /** A handler that also receives typed data: a button's, a step's, or a deep link's payload. */
  @FunctionalInterface
  interface With<T> {
    Uni<Void> handle(Ctx ctx, T data);
  }
}
