package io.flotilla.fleet.bot;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.Router.Command;
import io.flotilla.fleet.bot.Router.DeepLinkMatch;
import io.flotilla.fleet.bot.Router.StepRoute;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The fleet's routes, collected once from every {@link BotModule}, and the one place that decides
 * which handler answers an update: a payment update, a command (refused as unknown to people
 * without its role), a button (forged, stale or not for this person: "this menu has expired"), the
 * message a conversation step waits for, or plain text.
 */
@ApplicationScoped
public class Routes {

  /** What the router did with an update, for the dispatcher's metrics and error messages. */
  public record Outcome(String route) {}

  private final Router router = new Router();

  public Routes(Instance<BotModule> modules) {
    modules.stream()
        .sorted(Comparator.comparingInt(BotModule::order))
        .forEach(module -> module.routes(router));
    router.checkUnambiguous();
  }

  /** The command menu a person with these roles sees in a bot of this kind. */
  public List<Command> menu(TenantKind kind, Set<Role> roles) {
    return router.menu(kind, roles);
  }

  /** Finds the handler for the update and runs it; the result names the route taken. */
  public Uni<Outcome> route(Ctx ctx) {
    if (ctx.update().getPreCheckoutQuery() != null) {
      return run("pre_checkout", router.preCheckoutHandler(), ctx);
    }
    Message message = ctx.message();
    if (message != null && message.getSuccessfulPayment() != null) {
      return run("successful_payment", router.successfulPaymentHandler(), ctx);
    }
    if (message != null && message.hasText() && message.getText().startsWith("/")) {
      return command(ctx, message.getText());
    }
    if (ctx.callbackQuery() != null) {
      return button(ctx, ctx.callbackQuery());
    }
    if (message != null && ctx.conversation().step() != null) {
      Optional<StepRoute<?>> step = router.step(ctx.conversation().step());
      if (step.isPresent() && ctx.has(step.get().role())) {
        return runStep(ctx, step.get());
      }
      // A step of a role this person no longer has is over; the message is read on its own.
      return ctx.leave().chain(() -> fallbacks(ctx, message));
    }
    return fallbacks(ctx, message);
  }

  private Uni<Outcome> fallbacks(Ctx ctx, Message message) {
    TenantKind kind = ctx.bot().kind();
    Optional<Handler> anyMessage = router.fallback(Router.Fallback.Kind.ANY_MESSAGE, kind);
    if (message != null && anyMessage.isPresent()) {
      return run("message", anyMessage, ctx);
    }
    if (message != null && message.hasText()) {
      return run("text", router.fallback(Router.Fallback.Kind.TEXT, kind), ctx);
    }
    return Uni.createFrom().item(new Outcome("ignored"));
  }

  private Uni<Outcome> command(Ctx ctx, String text) {
    String[] parts = text.strip().split("\\s+", 2);
    String name = parts[0].substring(1);
    int at = name.indexOf('@');
    if (at >= 0) {
      String addressee = name.substring(at + 1);
      name = name.substring(0, at);
      if (!addressee.equalsIgnoreCase(ctx.bot().username())) {
        // A command for another bot in a group this bot is in.
        return Uni.createFrom().item(new Outcome("other_bot"));
      }
    }
    String command = name.toLowerCase(Locale.ROOT);
    Optional<Command> route =
        router.command(command, ctx.bot().kind()).filter(c -> ctx.has(c.role()));
    if (route.isEmpty()) {
      Optional<Handler> other =
          router.fallback(Router.Fallback.Kind.OTHER_COMMAND, ctx.bot().kind());
      if (other.isPresent()) {
        return run("other_command", other, ctx);
      }
      return ctx.reply(ctx.t("command.unknown")).map(sent -> new Outcome("unknown_command"));
    }
    String payload = parts.length > 1 ? parts[1].strip() : "";
    Optional<DeepLinkMatch> deepLink =
        command.equals("start") && !payload.isEmpty()
            ? router.deepLink(payload, ctx.bot().kind())
            : Optional.empty();
    // A new command ends whatever conversation the person was in.
    return ctx.leave()
        .chain(
            () ->
                deepLink.isPresent()
                    ? deepLink.get().handler().handle(ctx, deepLink.get().rest())
                    : route.get().handler().handle(ctx))
        .map(done -> new Outcome("/" + command));
  }

  private <T> Uni<Outcome> button(Ctx ctx, CallbackQuery query) {
    Optional<CallbackData> decoded = router.codec().decode(query.getData());
    if (decoded.isEmpty()) {
      return expired(ctx);
    }
    @SuppressWarnings("unchecked")
    T data = (T) decoded.get();
    @SuppressWarnings("unchecked")
    Optional<Router.Button<T>> button = router.button((Class<T>) data.getClass());
    if (button.isEmpty() || !ctx.has(button.get().role())) {
      return expired(ctx);
    }
    String route = "button:" + data.getClass().getSimpleName();
    return button.get().handler().handle(ctx, data).map(done -> new Outcome(route));
  }

  private static Uni<Outcome> expired(Ctx ctx) {
    return ctx.answer(ctx.t("button.expired"), true).map(done -> new Outcome("expired_button"));
  }

  private static <T> Uni<Outcome> runStep(Ctx ctx, StepRoute<T> route) {
    T data = ctx.stepData(route.step());
    return route
        .handler()
        .handle(ctx, data)
        .map(done -> new Outcome("step:" + route.step().name()));
  }

  private static Uni<Outcome> run(String route, Optional<Handler> handler, Ctx ctx) {
    return handler
        .map(h -> h.handle(ctx).map(done -> new Outcome(route)))
        .orElseGet(() -> Uni.createFrom().item(new Outcome("unhandled_" + route)));
  }
}
