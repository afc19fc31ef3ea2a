package io.flotilla.fleet.support;

import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Step;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commands that exist only in the fleet's tests, to probe the runtime: handlers that take time,
 * fail, hold a conversation, or show a button only its owner may press.
 */
@ApplicationScoped
public class ProbeModule implements BotModule {

  /** Asked for a name; the data says who asked, to check it is read back after a restart. */
  public record Asked(String question) {}

  static final Step<Asked> NAME = Step.of("probe.name", Asked.class);

  /** A button that acts on one person's thing: only that person may press it. */
  @CallbackData.Tag("probe")
  public record Owned(long ownerId, int value) implements CallbackData {}

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  @Override
  public void routes(Router router) {
    router.command("slow", this::slow);
    router.command("hold", this::hold);
    router.command("boom", ctx -> Uni.createFrom().failure(new IllegalStateException("boom")));
    router.command("ask", this::ask);
    router.step(NAME, this::named);
    router.command("mine", this::mine);
    router.callback(Owned.class, this::pressed);
  }

  /** The most handlers of {@code /hold} that ran at the same time. */
  public int mostAtOnce() {
    return mostAtOnce.get();
  }

  public void resetCounts() {
    mostAtOnce.set(0);
  }

  private Uni<Void> slow(Ctx ctx) {
    Duration pause = Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 40));
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(pause)
        .chain(() -> ctx.reply("slow " + ctx.commandArgs()))
        .replaceWithVoid();
  }

  private Uni<Void> hold(Ctx ctx) {
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(Duration.ofMillis(700))
        .invoke(running::decrementAndGet)
        .chain(() -> ctx.reply("held " + ctx.commandArgs()))
        .replaceWithVoid();
  }

  private Uni<Void> ask(Ctx ctx) {
    return ctx.enter(NAME, new Asked("name"))
        .chain(() -> ctx.reply("What is your name?"))
        .replaceWithVoid();
  }

  private Uni<Void> named(Ctx ctx, Asked asked) {
    return ctx.leave()
        .chain(() -> ctx.reply("Nice to meet you, " + ctx.text() + " (" + asked.question() + ")"))
        .replaceWithVoid();
  }

  private Uni<Void> mine(Ctx ctx) {
    return ctx.reply(
            "Your thing", Keyboard.of(Keyboard.Button.of("Use it", new Owned(ctx.userId(), 7))))
        .replaceWithVoid();
  }

  private Uni<Void> pressed(Ctx ctx, Owned owned) {
    if (owned.ownerId() != ctx.userId()) {
      return ctx.answer(ctx.t("button.expired"), true);
    }
    return ctx.answer("Used " + owned.value(), false);
  }
}
