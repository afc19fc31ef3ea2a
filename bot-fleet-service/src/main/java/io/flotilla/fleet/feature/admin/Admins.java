package io.flotilla.fleet.feature.admin;

import io.flotilla.fleet.bot.Ctx;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/** What every admin command shares: who acts, and how a refusal reads. */
final class Admins {

  private Admins() {}

  /** The acting admin as the services record them. */
  static String actor(Ctx ctx) {
    return "tg:" + ctx.userId();
  }

  /**
   * A service's refusal (4xx) as an answer that says nothing changed, with the service's detail
   * (never a secret, by the platform's rule); anything else stays a failure for the apology.
   */
  static Uni<Void> refused(Ctx ctx, Throwable failure) {
    if (failure instanceof ProblemException problem && problem.status() < 500) {
      String reason =
          problem.status() == 404
              ? ctx.t("admin.not-found")
              : Optional.ofNullable(problem.getMessage()).orElse(problem.title());
      return ctx.reply(ctx.t("admin.refused", reason)).replaceWithVoid();
    }
    return Uni.createFrom().failure(failure);
  }

  static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}
